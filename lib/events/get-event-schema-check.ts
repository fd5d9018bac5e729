import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { SchemaError } from "@/lib/event-types/contract/validator";
import { assertId } from "@/lib/ids";

/** How an event's details fared against its type's schema at ingestion: the version, and the errors where it was flagged. */
export async function getEventSchemaCheck({
  ctx,
  id,
}: {
  ctx: Ctx;
  id: string;
}): Promise<{ schemaVersion: number | null; schemaErrors: SchemaError[] | null }> {
  authorize(ctx, "portal.read");
  const row = await db.event.findUnique({ where: { id: assertId(id, "Event") }, select: { schemaVersion: true, schemaErrors: true } });
  if (!row) throw notFound("Event");
  return { schemaVersion: row.schemaVersion, schemaErrors: (row.schemaErrors as SchemaError[] | null) ?? null };
}
