import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { invalid, notFound } from "@/lib/errors";
import { eventType } from "@/lib/events/schemas";
import { compareSchemas } from "./contract/compare-schemas";
import { checkSchema, type JsonSchemaObject } from "./contract/validator";
import { getEventType } from "./get-event-type";
import { updateEventTypeInput, type EventTypeDetailView, type UpdateEventTypeInput } from "./schemas";
import { schemaKey, typeKey } from "./scope";

/**
 * Changes an event type's contract: its description, its validation mode and its schema. A schema
 * that differs from the current one becomes a new version, compared with the one before it
 * (compatible or breaking, with what changed); versions are never rewritten. A type not seen yet
 * is declared. Validation other than "off" needs a schema. Audited in the same transaction.
 */
export async function updateEventType({
  ctx,
  name,
  input,
}: {
  ctx: Ctx;
  name: string;
  input: UpdateEventTypeInput;
}): Promise<EventTypeDetailView> {
  authorize(ctx, "integrations.manage");
  const typeName = eventType.safeParse(name);
  if (!typeName.success) throw notFound("Event type");
  const data = updateEventTypeInput.parse(input);
  if (data.schema) {
    const errors = checkSchema(data.schema);
    if (errors.length > 0)
      throw invalid("The schema is not a valid JSON Schema (draft 2020-12) for event details.", {
        schema: errors.map((e) => (e.pointer ? `${e.pointer}: ${e.message}` : e.message)),
      });
  }

  const workspaceId = ctx.workspace!.id;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "EventType" ("workspaceId", "name", "updatedAt") VALUES (${workspaceId}::uuid, ${typeName.data}, now())
      ON CONFLICT ("workspaceId", "name") DO NOTHING`;
    // Serializes concurrent schema changes of one type, so two saves cannot take the same version.
    await tx.$executeRaw`SELECT 1 FROM "EventType" WHERE "workspaceId" = ${workspaceId}::uuid AND "name" = ${typeName.data} FOR UPDATE`;
    const before = await tx.eventType.findUniqueOrThrow({ where: typeKey(typeName.data) });
    const current = before.schemaVersion
      ? await tx.eventTypeSchema.findUnique({ where: schemaKey(typeName.data, before.schemaVersion) })
      : null;

    let schemaVersion = before.schemaVersion;
    let versionAudit: Record<string, unknown> | undefined;
    if (data.schema && canonicalJson(data.schema) !== canonicalJson(current?.schema)) {
      const latest = await tx.eventTypeSchema.aggregate({ where: { typeName: typeName.data }, _max: { version: true } });
      schemaVersion = (latest._max.version ?? 0) + 1;
      const { compatibility, changes } = current
        ? compareSchemas(current.schema as JsonSchemaObject, data.schema as JsonSchemaObject)
        : { compatibility: "initial" as const, changes: [] };
      await tx.eventTypeSchema.create({
        data: {
          typeName: typeName.data,
          version: schemaVersion,
          schema: data.schema,
          compatibility,
          changes: changes.map((c) => c.message),
          createdById: ctx.actor.id,
        },
      });
      versionAudit = { schemaVersion, compatibility, changes: changes.map((c) => c.message) };
    }
    const validation = data.validation ?? before.validation;
    if (validation !== "off" && !schemaVersion)
      throw invalid("Give the type a schema before turning validation on.", { validation: ["Needs a schema: save one first"] });

    const after = await tx.eventType.update({
      where: typeKey(typeName.data),
      data: { declared: true, validation, schemaVersion, ...(data.description !== undefined && { description: data.description }) },
    });
    await recordAudit(tx, ctx, {
      action: "event_type.updated",
      target: { type: "event_type", id: after.name, label: after.name },
      before: { description: before.description, validation: before.validation, schemaVersion: before.schemaVersion },
      after: { description: after.description, validation: after.validation, schemaVersion: after.schemaVersion, ...versionAudit },
    });
  });
  return getEventType({ ctx, name: typeName.data });
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep the order they were sent in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
