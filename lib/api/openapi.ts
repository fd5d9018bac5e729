import { z } from "zod";
import { PERMISSION_SCOPES, type Permission, type TokenScope } from "@/lib/auth/permissions";
import { auditLogOperations } from "@/lib/audit-log/openapi";
import { eventTypeOperations } from "@/lib/event-types/openapi";
import { eventOperations } from "@/lib/events/openapi";
import { executionOperations } from "@/lib/executions/openapi";
import { integrationOperations } from "@/lib/integrations/openapi";
import { memberOperations } from "@/lib/members/openapi";
import { subscriptionOperations } from "@/lib/subscriptions/openapi";
import { tokenOperations } from "@/lib/tokens/openapi";
import { transformationOperations } from "@/lib/transformations/openapi";
import { accountOperations, userOperations } from "@/lib/users/openapi";
import { planOperations, workspaceOperations } from "@/lib/workspaces/openapi";
import { createHash } from "node:crypto";
import { operationIdOf } from "./operation-ids";
import { errorBody, type ApiOperation, type HttpMethod } from "./operations";

/** Every documented operation of /api/v1. A domain adds its routes to its own list, a new domain adds its list here. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  ...accountOperations,
  ...tokenOperations,
  ...userOperations,
  ...memberOperations,
  ...integrationOperations,
  ...transformationOperations,
  ...subscriptionOperations,
  ...eventOperations,
  ...eventTypeOperations,
  ...executionOperations,
  ...auditLogOperations,
  ...workspaceOperations,
  ...planOperations,
];

/** Who holds each permission, in the words the API reference uses. */
export const PERMISSION_HOLDERS: Record<Permission, string> = {
  "portal.read": "every signed-in user",
  "tokens.manage": "every signed-in user, for their own tokens",
  "account.manage": "every signed-in user, for their own account, in a browser session",
  "integrations.manage": "the workspace's owners and admins",
  "integrations.trigger": "members of the workspace with the trigger permission",
  "events.create": "the workspace's owners and admins",
  "audit.read": "the workspace's owners and admins",
  "users.manage": "the workspace's owners and admins",
  "instance.manage": "instance admins (the operators of the deployment)",
};

/** What each tag of the document is about (a tag without one fails lib/api/openapi.test.ts). */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  Account: "The user the request acts as.",
  "API tokens": "Personal API tokens: each acts as its user, with the user's current permissions.",
  Users: "The workspace's members as accounts: create one (it joins the workspace), change it, reset its password or two-factor.",
  Members:
    "The workspace's members and their roles (owner, admin, member), and invitations by email: the portal sends no mail, the inviter passes the one-time link on.",
  Integrations: "The platforms the portal sends webhooks to (n8n, Zapier, Make, Power Automate, Tines, custom).",
  Webhooks: "An integration's webhook: URL, bearer token, signing secrets, timeout, pace, transformation.",
  Subscriptions: "Which events an integration receives automatically, and its delivery policy.",
  Events: "Events ingested into the portal, and the catalog of event types.",
  Executions: "Every delivery attempt, manual or automatic: trigger, retry, test, recover, export.",
  "Audit log": "Every change and every send, with who did it and from where.",
  Workspaces:
    "Organisations on the portal: each owns its integrations, events, history, tokens and audit log. Its API is /api/v1/workspaces/{slug}/…",
  Plans: "What a workspace may do: integrations in all and per connector type, automatic deliveries, retry schedules, rates, history.",
  "Event types":
    "What the portal sends to receivers for each event type (the `webhooks` section): the Standard Webhooks envelope with the type's schema.",
};

type JsonSchema = z.core.JSONSchema.BaseSchema;

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  tags: [string];
  summary: string;
  description: string;
  "x-permission": Permission;
  /** The API token scopes that grant the permission (any one of them). */
  "x-token-scopes": readonly TokenScope[];
  parameters?: Parameter[];
  requestBody?: { required: true; content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, OpenApiResponse>;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema; required?: boolean }>;
  content?: Record<string, { schema?: JsonSchema }>;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string; variables?: Record<string, { default: string; description?: string }> }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  /** What the portal sends to receivers, per event type (lib/event-types/openapi-webhooks.ts). */
  webhooks?: Record<string, { post: Record<string, unknown> }>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, object> };
  security: Record<string, string[]>[];
}

/** Where the API's paths start: the document's paths are relative to it (see its servers). */
export const API_BASE = "/api/v1";

/**
 * The OpenAPI 3.1 document of the API, built from the operations' zod schemas. Schemas that zod
 * emits as `$defs` (recursive ones: any JSON value) are moved under `components/schemas`, so
 * that every `$ref` resolves from the document's root.
 */
export function buildOpenApiDocument(
  title: string,
  {
    serverUrl,
    operations = API_OPERATIONS,
    webhooks,
  }: {
    serverUrl?: string;
    operations?: readonly ApiOperation[];
    /** The `webhooks` section and the schemas it refers to, when the caller loaded them. */
    webhooks?: { webhooks: Record<string, { post: Record<string, unknown> }>; schemas: Record<string, object> };
  } = {},
): OpenApiDocument {
  // Paths are relative to the servers: /api/v1 (the token's workspace) or a workspace by slug.
  const paths: OpenApiDocument["paths"] = {};
  for (const operation of operations) {
    const relative = operation.path.slice(API_BASE.length);
    paths[relative] = { ...paths[relative], [operation.method]: toOperation(operation) };
  }
  const schemas: Record<string, JsonSchema> = {
    Error: jsonSchema(errorBody, "output"),
    ...(webhooks?.schemas as Record<string, JsonSchema>),
  };
  hoistDefinitions(paths, schemas);
  return {
    openapi: "3.1.0",
    info: {
      title,
      version: "1",
      description: [
        "Authenticate with a personal API token (Authorization: Bearer <token>, created under API tokens). Requests act as the token's user, with their current permissions, limited to the token's scopes.",
        "Workspaces: everything the API reads or changes belongs to one workspace. A token belongs to one workspace and its user: the paths under /api/v1 act in the token's workspace (with a browser session, the workspace last opened). The same operations are at /api/v1/workspaces/{workspace}/… for a workspace named by its slug; a workspace that does not exist, or that the caller is not a member of, answers 404 `workspace_not_found` — the same answer for both, so its existence is not revealed. GET /api/v1/workspaces lists the caller's workspaces.",
        "Lists and exports of events, executions and the audit log take one time range: `from` is inclusive and `to` exclusive, each a date (2025-01-31, a whole UTC day) or an ISO 8601 timestamp. A date as `from` starts at 00:00 UTC that day; a date as `to` includes that whole day. A `to` not after `from` is refused (422, a field error on `to`).",
      ].join("\n\n"),
    },
    servers: [
      { url: `${serverUrl ?? ""}${API_BASE}`, description: "The workspace of the API token (or of the browser session)" },
      {
        url: `${serverUrl ?? ""}${API_BASE}/workspaces/{workspace}`,
        description: "A workspace the caller is a member of, named by its slug",
        variables: { workspace: { default: "default", description: "The workspace's slug" } },
      },
    ],
    tags: [
      ...new Set([...operations.map((o) => o.tag), ...(webhooks && Object.keys(webhooks.webhooks).length > 0 ? ["Event types"] : [])]),
    ].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name })),
    paths,
    ...(webhooks && { webhooks: webhooks.webhooks }),
    components: {
      schemas,
      securitySchemes: { apiToken: { type: "http", scheme: "bearer", description: "A personal API token" } },
    },
    security: [{ apiToken: [] }],
  };
}

/**
 * Any JSON value, as the document says it. zod writes it as a recursive union (string, number,
 * boolean, null, arrays and objects of itself), which allows exactly what the empty schema allows
 * in a JSON body, and which generated TypeScript types cannot express (openapi-typescript's
 * output fails tsc --strict with TS2502).
 */
const ANY_JSON_VALUE: JsonSchema = { description: "Any JSON value" };

/** The shape of zod's JSON value schema (z.json()), whichever $defs key it was given. */
const JSON_VALUE_SHAPE = definitionShape(z.toJSONSchema(z.json()) as JsonSchema & { $defs?: Record<string, JsonSchema> });

/**
 * Moves every `$defs` entry below `node` into `schemas`, named by what it is (the same schema
 * found twice is stored once), and points the `$ref`s at it there.
 */
function hoistDefinitions(node: unknown, schemas: Record<string, JsonSchema>) {
  if (!node || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  const defs = record.$defs as Record<string, JsonSchema> | undefined;
  if (defs) {
    delete record.$defs;
    const names = new Map<string, string>();
    for (const [key, def] of Object.entries(defs)) {
      const shape = JSON.stringify(rewriteRefs(def, (ref) => (ref.startsWith("#/$defs/") ? "#/$defs/*" : ref)));
      const name = shape === JSON_VALUE_SHAPE ? "JsonValue" : `Schema${createHash("sha256").update(shape).digest("hex").slice(0, 8)}`;
      names.set(`#/$defs/${key}`, `#/components/schemas/${name}`);
    }
    const rewrite = (value: unknown) => rewriteRefs(value, (ref) => names.get(ref) ?? ref);
    for (const [key, def] of Object.entries(defs)) {
      const target = names.get(`#/$defs/${key}`)!.split("/").at(-1)!;
      schemas[target] ??= target === "JsonValue" ? ANY_JSON_VALUE : (rewrite(def) as JsonSchema);
    }
    Object.assign(record, rewrite({ ...record }));
  }
  for (const value of Object.values(record)) hoistDefinitions(value, schemas);
}

function rewriteRefs(value: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, map));
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === "$ref" && typeof v === "string" ? map(v) : rewriteRefs(v, map)]),
  );
}

function definitionShape(schema: JsonSchema & { $defs?: Record<string, JsonSchema> }): string {
  const { $schema: _, ...rest } = schema;
  return JSON.stringify(rewriteRefs(rest, (ref) => (ref === "#" ? "#/$defs/*" : ref)));
}

function toOperation(op: ApiOperation): OpenApiOperation {
  const parameters = [...pathParameters(op.path), ...queryParameters(op.query), ...headerParameters(op)];
  const responses = { ...standardResponses(op), ...op.responses };
  return {
    operationId: operationIdOf(op.method, op.path),
    tags: [op.tag],
    summary: op.summary,
    description: [
      op.description,
      `Requires the permission ${op.permission} (${PERMISSION_HOLDERS[op.permission]}); ${
        PERMISSION_SCOPES[op.permission].length > 0
          ? `with an API token, the scope ${PERMISSION_SCOPES[op.permission].join(" or ")}.`
          : "a signed-in session: API tokens are refused (403)."
      }`,
    ]
      .filter(Boolean)
      .join("\n\n"),
    "x-permission": op.permission,
    "x-token-scopes": PERMISSION_SCOPES[op.permission],
    ...(parameters.length > 0 && { parameters }),
    ...(op.request && { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.request, "input") } } } }),
    responses: Object.fromEntries(
      Object.entries(responses)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([status, description]) => [status, response(op, Number(status), description)]),
    ),
  };
}

/**
 * What every operation of its kind can answer, whatever its domain: the route wrapper
 * (lib/api/route.ts) answers these before or around the handler, so a client must expect them.
 */
function standardResponses(op: ApiOperation): Record<number, string> {
  const responses: Record<number, string | undefined> = {
    ...((op.request || op.path.includes("{")) && {
      400: op.request
        ? "The body is not valid JSON, or a path parameter is not valid UTF-8 (bad_request)"
        : "A path parameter is not valid UTF-8 (bad_request)",
    }),
    401: "Not signed in and no valid API token",
    403: "The user lacks the permission, the token the scope, or a signed-in browser request came from another site",
    ...(op.path.includes("{") && { 404: "Nothing with that id" }),
    ...(op.request && { 413: "The body is larger than the operation accepts (payload_too_large)" }),
    ...((op.request || op.query) && { 422: "A field or query parameter is not valid (validation_failed, with fieldErrors)" }),
    503: "The database cannot be reached right now (database_unavailable); Retry-After says when to try again",
  };
  return Object.fromEntries(Object.entries(responses).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

const RETRY_AFTER = "Seconds to wait before trying again";

function response(op: ApiOperation, status: number, description: string): OpenApiResponse {
  const firstSuccess = Object.keys(op.responses)
    .map(Number)
    .find((s) => s >= 200 && s < 300);
  const headerTexts = { ...(status === 429 || status === 503 ? { "Retry-After": RETRY_AFTER } : {}), ...op.responseHeaders?.[status] };
  const headers =
    Object.keys(headerTexts).length > 0
      ? Object.fromEntries(
          Object.entries(headerTexts).map(([name, text]) => [
            name,
            {
              description: text,
              schema: (name === "Retry-After" ? { type: "string", pattern: "^[0-9]+$" } : { type: "string" }) as JsonSchema,
            },
          ]),
        )
      : undefined;
  const withHeaders = (r: OpenApiResponse): OpenApiResponse => (headers ? { ...r, headers } : r);
  if (status >= 400)
    return withHeaders({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
  if (status >= 200 && status < 300 && status !== 204 && op.response && (status === firstSuccess || op.responses[status]))
    return withHeaders({ description, content: { "application/json": { schema: jsonSchema(op.response, "output") } } });
  if (status === firstSuccess && op.files)
    return withHeaders({
      description,
      content: Object.fromEntries(
        Object.entries(op.files).map(([type, text]) => [type, { schema: { type: "string", description: text } }]),
      ),
    });
  return withHeaders({ description });
}

function headerParameters(op: ApiOperation): Parameter[] {
  return (op.headers ?? []).map((h) => ({
    name: h.name,
    in: "header",
    required: false,
    description: h.description,
    schema: jsonSchema(h.schema, "input"),
  }));
}

const pathParameters = (path: string): Parameter[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: name === "id" ? { type: "string", format: "uuid" } : { type: "string" },
    ...(name === "name" && { description: "An event type, e.g. order.paid" }),
  }));

function queryParameters(query: z.ZodObject | undefined): Parameter[] {
  if (!query) return [];
  const schema = jsonSchema(query, "input");
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    ...(typeof (property as JsonSchema).description === "string" && { description: (property as JsonSchema).description as string }),
    schema: property as JsonSchema,
  }));
}

/** A zod schema as JSON Schema: dates as date-time strings, without the noise zod adds for uuids and integers. */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema: json }) => {
      if (zodSchema._zod.def.type === "date") Object.assign(json, { type: "string", format: "date-time" });
      if (json.format === "uuid") delete json.pattern;
      if (json.minimum === Number.MIN_SAFE_INTEGER) delete json.minimum;
      if (json.maximum === Number.MAX_SAFE_INTEGER) delete json.maximum;
    },
  });
  // A schema that refers to itself as a whole ("#") would point at the document root once it
  // sits inside the document: it becomes a definition of its own, hoisted like the others.
  if (JSON.stringify(rest).includes('"$ref":"#"')) {
    const self = rewriteRefs(rest, (ref) => (ref === "#" ? "#/$defs/__self" : ref)) as JsonSchema;
    return { $ref: "#/$defs/__self", $defs: { __self: self } } as JsonSchema;
  }
  return rest;
}
