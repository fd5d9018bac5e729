import { z } from "zod";
import { PERMISSION_SCOPES, type Permission, type TokenScope } from "@/lib/auth/permissions";
import { auditLogOperations } from "@/lib/audit-log/openapi";
import { eventTypeOperations } from "@/lib/event-types/openapi";
import { eventOperations } from "@/lib/events/openapi";
import { executionOperations } from "@/lib/executions/openapi";
import { integrationOperations } from "@/lib/integrations/openapi";
import { subscriptionOperations } from "@/lib/subscriptions/openapi";
import { tokenOperations } from "@/lib/tokens/openapi";
import { accountOperations, userOperations } from "@/lib/users/openapi";
import { errorBody, type ApiOperation, type HttpMethod } from "./operations";

/** Every documented operation of /api/v1. A domain adds its routes to its own list, a new domain adds its list here. */
export const API_OPERATIONS: readonly ApiOperation[] = [...accountOperations, ...tokenOperations, ...userOperations, ...integrationOperations, ...subscriptionOperations, ...eventOperations, ...eventTypeOperations, ...executionOperations, ...auditLogOperations];

/** Who holds each permission, in the words the API reference uses. */
export const PERMISSION_HOLDERS: Record<Permission, string> = {
  "portal.read": "every signed-in user",
  "tokens.manage": "every signed-in user, for their own tokens",
  "account.manage": "every signed-in user, for their own account",
  "integrations.manage": "admins",
  "integrations.trigger": "users with the trigger permission",
  "events.create": "admins",
  "audit.read": "admins",
  "users.manage": "admins",
};

type JsonSchema = z.core.JSONSchema.BaseSchema;

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  tags: [string];
  summary: string;
  description: string;
  "x-permission": Permission;
  /** The API token scopes that grant the permission (any one of them). */
  "x-token-scopes": readonly TokenScope[];
  parameters?: Parameter[];
  requestBody?: { required: true; content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: JsonSchema } } }>;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: { schemas: { Error: JsonSchema }; securitySchemes: Record<string, object> };
  security: Record<string, string[]>[];
}

/** The OpenAPI 3.1 document of the API, built from the operations' zod schemas. */
export function buildOpenApiDocument(title: string, operations: readonly ApiOperation[] = API_OPERATIONS): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const operation of operations) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: toOperation(operation) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title,
      version: "1",
      description: "Authenticate with a personal API token (Authorization: Bearer <token>, created under API tokens). Requests act as the token's user, with their current permissions, limited to the token's scopes.",
    },
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBody, "output") },
      securitySchemes: { apiToken: { type: "http", scheme: "bearer", description: "A personal API token" } },
    },
    security: [{ apiToken: [] }],
  };
}

function toOperation(op: ApiOperation): OpenApiOperation {
  const parameters = [...pathParameters(op.path), ...queryParameters(op.query)];
  return {
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, `Requires the permission ${op.permission} (${PERMISSION_HOLDERS[op.permission]}); with an API token, the scope ${PERMISSION_SCOPES[op.permission].join(" or ")}.`].filter(Boolean).join("\n\n"),
    "x-permission": op.permission,
    "x-token-scopes": PERMISSION_SCOPES[op.permission],
    ...(parameters.length > 0 && { parameters }),
    ...(op.request && { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.request, "input") } } } }),
    responses: Object.fromEntries(Object.entries(op.responses).map(([status, description]) => [status, response(op, Number(status), description)])),
  };
}

function response(op: ApiOperation, status: number, description: string) {
  const firstSuccess = Object.keys(op.responses).map(Number).find((s) => s >= 200 && s < 300);
  if (status >= 400) return { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  if (status === firstSuccess && op.response) return { description, content: { "application/json": { schema: jsonSchema(op.response, "output") } } };
  return { description };
}

const pathParameters = (path: string): Parameter[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } }));

function queryParameters(query: z.ZodObject | undefined): Parameter[] {
  if (!query) return [];
  const schema = jsonSchema(query, "input");
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
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
  return rest;
}
