import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { EVENT_SEVERITIES } from "@/lib/events/schemas";
import type { JsonSchemaObject } from "./contract/validator";
import { inScope } from "./scope";

/**
 * The OpenAPI 3.1 `webhooks` section: one entry per event type, describing the Standard Webhooks
 * envelope the portal POSTs for it, with the type's schema as `data.event.details` and the
 * signature headers. A receiver generates its types from it (openapi-typescript and the like).
 * Each type's schema goes under `components/schemas` (its `$defs` beside it), so that its
 * internal references resolve from the document's root.
 */

export interface WebhookEntry {
  name: string;
  description: string;
  schemaVersion: number | null;
  schema: JsonSchemaObject | null;
}

export interface WebhooksSection {
  webhooks: Record<string, { post: Record<string, unknown> }>;
  schemas: Record<string, JsonSchemaObject>;
}

const SIGNATURE_HEADERS = [
  {
    name: "webhook-id",
    in: "header",
    required: true,
    description: "The message id (msg_…): the same on every retry of a message; use it to drop duplicates.",
    schema: { type: "string" },
  },
  {
    name: "webhook-timestamp",
    in: "header",
    required: true,
    description: "When the attempt was signed, in seconds since the Unix epoch; refuse ones more than 5 minutes away from now.",
    schema: { type: "string", pattern: "^[0-9]+$" },
  },
  {
    name: "webhook-signature",
    in: "header",
    required: true,
    description:
      "Standard Webhooks signature: `v1,<base64 HMAC-SHA256 of id.timestamp.body>` per active secret, space-separated (two during a secret rotation). Verify with any Standard Webhooks library and the integration's signing secret (whsec_…).",
    schema: { type: "string" },
  },
];

/** The name a type's schemas take under components/schemas: order.paid → OrderPaid. */
export const componentName = (type: string) =>
  type
    .split(/[._-]/)
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join("");

export function buildWebhooksSection(entries: readonly WebhookEntry[]): WebhooksSection {
  const webhooks: WebhooksSection["webhooks"] = {};
  const schemas: WebhooksSection["schemas"] = {};
  for (const entry of entries) {
    const base = componentName(entry.name);
    const detailsName = `${base}Details`;
    schemas[detailsName] = entry.schema ? hoist(entry.schema, detailsName, schemas) : { type: "object", additionalProperties: true };
    schemas[`${base}Webhook`] = envelope(entry.name, detailsName);
    webhooks[entry.name] = {
      post: {
        operationId: `receive${base}`,
        tags: ["Event types"],
        summary: `${entry.name}${entry.schemaVersion ? ` (schema version ${entry.schemaVersion})` : ""}`,
        description: [
          entry.description,
          entry.schema
            ? `The details follow version ${entry.schemaVersion} of the type's JSON Schema.`
            : "The type has no schema yet: the details are any JSON object.",
          "Sent as the Standard Webhooks envelope to integrations of the standard connector type (n8n, Make, Power Automate, custom); chat connectors (Slack, Discord, Teams) and Zapier receive their own formats, shown in the event type catalog.",
        ]
          .filter(Boolean)
          .join("\n\n"),
        parameters: SIGNATURE_HEADERS,
        requestBody: { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${base}Webhook` } } } },
        responses: {
          "200": { description: "Received: any 2xx status counts as delivered" },
          "410": { description: "Gone: the portal disables the subscription" },
        },
      },
    };
  }
  return { webhooks, schemas };
}

function envelope(type: string, detailsName: string): JsonSchemaObject {
  const user = {
    type: ["object", "null"],
    required: ["id", "email", "name"],
    properties: { id: { type: "string", format: "uuid" }, email: { type: "string" }, name: { type: ["string", "null"] } },
    description: "The person who triggered the delivery; null for an automatic one",
  };
  return {
    type: "object",
    required: ["type", "timestamp", "data"],
    properties: {
      type: { type: "string", const: type },
      timestamp: { type: "string", format: "date-time", description: "When the message was built" },
      data: {
        type: "object",
        required: ["event", "triggeredBy"],
        properties: {
          event: {
            type: "object",
            required: ["id", "type", "title", "severity", "source", "occurredAt", "details"],
            properties: {
              id: { type: "string", format: "uuid" },
              type: { type: "string", const: type },
              title: { type: "string" },
              severity: { type: "string", enum: [...EVENT_SEVERITIES] },
              source: { type: "string" },
              occurredAt: { type: "string", format: "date-time" },
              details: { $ref: `#/components/schemas/${detailsName}` },
            },
          },
          triggeredBy: user,
          subscription: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "string", format: "uuid" } },
            description: "The subscription the event matched (automatic deliveries)",
          },
        },
      },
    },
  };
}

/** The type's schema as a component: `$defs` become sibling components and its references follow them. */
function hoist(schema: JsonSchemaObject, name: string, into: Record<string, JsonSchemaObject>): JsonSchemaObject {
  const { $schema: _s, $id: _i, $defs, ...rest } = schema;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith("#") ? refOf(v) : rewrite(v)]),
    );
  };
  const refOf = (ref: string) => {
    const match = /^#\/\$defs\/([^/]+)(.*)$/.exec(ref);
    return match ? `#/components/schemas/${name}_${match[1]}${match[2]}` : `#/components/schemas/${name}${ref.slice(1)}`;
  };
  for (const [key, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchemaObject>))
    into[`${name}_${key}`] = rewrite(def) as JsonSchemaObject;
  return rewrite(rest) as JsonSchemaObject;
}

/** The section for every type in the workspace's catalog, with its current schema. */
export async function loadWebhooksSection({ ctx }: { ctx: Ctx }): Promise<WebhooksSection> {
  authorize(ctx, "portal.read");
  const rows = await db.eventType.findMany({
    where: inScope({}),
    orderBy: { name: "asc" },
    take: 1000,
    include: { schemas: { orderBy: { version: "desc" }, take: 1 } },
  });
  return buildWebhooksSection(
    rows.map((r) => ({
      name: r.name,
      description: r.description,
      schemaVersion: r.schemaVersion,
      schema: (r.schemas[0]?.schema as JsonSchemaObject | undefined) ?? null,
    })),
  );
}
