import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertFilterFitsSchemas } from "@/lib/event-types/check-filter-paths";
import { assertPinsExist } from "@/lib/event-types/check-pins";
import { assertId } from "@/lib/ids";
import { lockIntegration } from "@/lib/integrations/lock";
import { createSubscriptionInput, type CreateSubscriptionInput } from "./schemas";
import { auditedFields, toSubscriptionView, type SubscriptionView } from "./views";

/** Subscribes an integration to events: each matching event is then delivered to it automatically. */
export async function createSubscription({
  ctx,
  integrationId,
  input,
}: {
  ctx: Ctx;
  integrationId: string;
  input: CreateSubscriptionInput;
}): Promise<SubscriptionView> {
  authorize(ctx, "integrations.manage");
  const id = assertId(integrationId, "Integration");
  const data = createSubscriptionInput.parse(input);
  return db.$transaction(async (tx) => {
    const name = await lockIntegration(tx, id);
    await assertFilterFitsSchemas(tx, data.eventTypes, data.filter);
    await assertPinsExist(tx, data.eventTypes, data.schemaPins);
    const created = toSubscriptionView(
      await tx.subscription.create({
        data: { ...data, filter: data.filter ?? undefined, integrationId: id, createdById: ctx.actor.id, updatedById: ctx.actor.id },
      }),
    );
    await recordAudit(tx, ctx, {
      action: "subscription.created",
      target: { type: "integration", id, label: name },
      after: { subscriptionId: created.id, ...auditedFields(created) },
    });
    return created;
  });
}
