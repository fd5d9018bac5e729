import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { declareEventTypeInput, type DeclareEventTypeInput, type EventTypeView } from "./schemas";
import { typeKey } from "./scope";
import { toEventTypeView } from "./views";

/** Declares an event type with a description (before its first event, or to describe a seen one). */
export async function declareEventType({ ctx, input }: { ctx: Ctx; input: DeclareEventTypeInput }): Promise<EventTypeView> {
  authorize(ctx, "integrations.manage");
  const data = declareEventTypeInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.eventType.findUnique({ where: typeKey(data.name) });
    const row = await tx.eventType.upsert({
      where: typeKey(data.name),
      create: { name: data.name, description: data.description, declared: true },
      update: { description: data.description, declared: true },
    });
    await recordAudit(tx, ctx, {
      action: "event_type.declared",
      target: { type: "event_type", id: row.name, label: row.name },
      before: before ? { description: before.description, declared: before.declared } : undefined,
      after: { description: row.description, declared: true },
    });
    return toEventTypeView(row);
  });
}
