import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { eventType } from "@/lib/events/schemas";
import { compareSchemas } from "./contract/compare-schemas";
import { inferSchema } from "./contract/infer-schema";
import type { JsonSchemaObject } from "./contract/validator";
import type { ProposedSchema } from "./schemas";
import { schemaKey, typeKey } from "./scope";

/** How many of the latest events of the type a proposal is inferred from. */
export const PROPOSAL_SAMPLES = 200;

/**
 * A schema inferred from the details of the latest events of a type, for an admin to review and
 * save (nothing is saved here), compared with the type's current schema.
 */
export async function proposeEventTypeSchema({ ctx, name }: { ctx: Ctx; name: string }): Promise<ProposedSchema> {
  authorize(ctx, "integrations.manage");
  const parsed = eventType.safeParse(name);
  if (!parsed.success) throw notFound("Event type");
  const type = await db.eventType.findUnique({ where: typeKey(parsed.data), select: { name: true, schemaVersion: true } });
  if (!type) throw notFound("Event type");
  const events = await db.event.findMany({
    where: { type: type.name },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: PROPOSAL_SAMPLES,
    select: { details: true },
  });
  const schema = inferSchema(events.map((e) => e.details));
  const current = type.schemaVersion ? await db.eventTypeSchema.findUnique({ where: schemaKey(type.name, type.schemaVersion) }) : null;
  const { compatibility, changes } = current
    ? compareSchemas(current.schema as JsonSchemaObject, schema)
    : { compatibility: "initial" as const, changes: [] };
  return { schema: schema as ProposedSchema["schema"], sampleCount: events.length, compatibility, changes };
}
