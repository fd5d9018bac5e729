import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { env, portalOrigin } from "@/lib/env";
import { notFound, unauthorized } from "@/lib/errors";
import { buildMessage, type MessageEvent, type MessagePortal } from "@/lib/webhooks/formats";
import { exampleFromSchema } from "./contract/example-from-schema";
import { validateDetails, type JsonSchemaObject } from "./contract/validator";
import { CATALOG_FORMATS, type Catalog, type CatalogEntry, type ValidationMode } from "./schemas";
import { inScope, typeKey } from "./scope";
import { readEventTypeSettings } from "./settings";
import { WORKSPACE_HEADER } from "@/lib/workspaces/request-names";
import { DEFAULT_WORKSPACE_ID, inWorkspace } from "@/lib/workspaces/scope";

/** The ids the examples carry: recognisable as examples, never those of a real event or integration. */
export const EXAMPLE_EVENT_ID = "00000000-0000-7000-8000-000000000001";
const EXAMPLE_INTEGRATION = { id: "00000000-0000-7000-8000-000000000002", name: "Example integration", slug: "example-integration" };
const EXAMPLE_TIME = new Date("2026-01-31T12:00:00Z");

const portalForMessages = (): MessagePortal => ({ name: env().PORTAL_NAME, url: portalOrigin() });

/** The catalog for receivers, for a signed-in user or API token. */
export async function getEventTypeCatalog({ ctx }: { ctx: Ctx }): Promise<Catalog> {
  authorize(ctx, "portal.read");
  return readCatalog();
}

/** One type's catalog entry; "not found" for a type never seen nor declared. */
export async function getCatalogEntry({ ctx, name }: { ctx: Ctx; name: string }): Promise<CatalogEntry> {
  authorize(ctx, "portal.read");
  const row = await db.eventType.findUnique({ where: typeKey(name), include: { schemas: { orderBy: { version: "desc" }, take: 1 } } });
  if (!row) throw notFound("Event type");
  return catalogEntry(row, row.schemas[0]?.schema as JsonSchemaObject | undefined);
}

/**
 * A workspace's catalog without signing in: only where its admins made it public (off by default).
 * The workspace is the one the URL names (/api/v1/workspaces/{slug}/…), else the default one; an
 * unknown one answers as a private one does.
 */
export async function readPublicCatalog({ request }: { request: Request }): Promise<Catalog> {
  const slug = request.headers.get(WORKSPACE_HEADER);
  const workspace = await db.workspace.findUnique({ where: slug ? { slug } : { id: DEFAULT_WORKSPACE_ID }, select: { id: true } });
  const { publicCatalog } = workspace ? await readEventTypeSettings(workspace.id) : { publicCatalog: false };
  if (!workspace || !publicCatalog) throw unauthorized("Sign in, or send an API token as Authorization: Bearer <token>.");
  return inWorkspace(workspace.id, readCatalog);
}

/**
 * Every type with its description, current schema and an example in each connector format: what
 * a receiver builds against. Types only seen at ingestion are listed too (without a schema).
 */
async function readCatalog(): Promise<Catalog> {
  const rows = await db.eventType.findMany({
    where: inScope({}),
    orderBy: { name: "asc" },
    take: 1000,
    include: { schemas: { orderBy: { version: "desc" }, take: 1 } },
  });
  const portal = portalForMessages();
  return {
    portal: portal.name,
    generatedAt: new Date(),
    types: rows.map((r) => catalogEntry(r, r.schemas[0]?.schema as JsonSchemaObject | undefined)),
  };
}

function catalogEntry(
  row: { workspaceId: string; name: string; description: string; validation: string; schemaVersion: number | null; example: unknown },
  schema: JsonSchemaObject | undefined,
): CatalogEntry {
  const example = exampleDetails(row, schema);
  return {
    name: row.name,
    description: row.description,
    schemaVersion: row.schemaVersion,
    validation: row.validation as ValidationMode,
    schema: (schema as CatalogEntry["schema"]) ?? null,
    example: example as CatalogEntry["example"],
    examples: Object.fromEntries(
      CATALOG_FORMATS.map((format) => {
        const { body } = buildMessage(format, {
          kind: "event",
          event: exampleEvent(row.name, example),
          portal: portalForMessages(),
          integration: EXAMPLE_INTEGRATION,
          triggeredBy: null,
          now: EXAMPLE_TIME,
        });
        return [format, body ? JSON.parse(body) : null];
      }),
    ) as CatalogEntry["examples"],
  };
}

/** The latest details seen when they fit the current schema, otherwise details made from the schema. */
export function exampleDetails(
  row: { workspaceId: string; name: string; schemaVersion: number | null; example: unknown },
  schema: JsonSchemaObject | undefined,
) {
  const seen = row.example && typeof row.example === "object" ? (row.example as Record<string, unknown>) : null;
  if (!schema || row.schemaVersion === null) return seen ?? {};
  if (seen && validateDetails(row.workspaceId, row.name, row.schemaVersion, schema, seen).length === 0) return seen;
  return exampleFromSchema(schema);
}

export const exampleEvent = (type: string, details: Record<string, unknown>): MessageEvent => ({
  id: EXAMPLE_EVENT_ID,
  type,
  title: `Example ${type} event`,
  severity: "info",
  source: "example",
  occurredAt: EXAMPLE_TIME,
  details,
});

/** The example event of one type, as the catalog shows it; null for a type never seen nor declared. */
export async function exampleEventOf(name: string): Promise<MessageEvent | null> {
  const row = await db.eventType.findUnique({
    where: typeKey(name),
    include: { schemas: { orderBy: { version: "desc" }, take: 1 } },
  });
  if (!row) return null;
  return exampleEvent(row.name, exampleDetails(row, row.schemas[0]?.schema as JsonSchemaObject | undefined));
}
