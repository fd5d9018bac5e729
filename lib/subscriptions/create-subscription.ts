import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertFilterFitsSchemas } from "@/lib/event-types/check-filter-paths";
import { assertPinsExist } from "@/lib/event-types/check-pins";
import { assertId } from "@/lib/ids";
import { lockIntegration } from "@/lib/integrations/lock";
import { planOfWorkspace } from "@/lib/workspaces/plans";
import { assertSubscriptionInPlan } from "./plan-checks";
import { createSubscriptionInput, type CreateSubscriptionInput } from "./schemas";
import { auditedFields, toSubscriptionView, type SubscriptionView } from "./views";

/**
 * Subscribes an integration to events: each matching event is then delivered to it automatically.
 * Refused (plan_required) on a plan without automatic deliveries, or with a retry schedule on a
 * plan without them.
 */
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
    // On a plan without retry schedules, a subscription that names none gets none (not the preset).
    const plan = await planOfWorkspace(ctx.workspace!.id, tx);
    if (!plan.retrySchedules && input.retrySchedule === undefined) data.retrySchedule = [];
    await assertSubscriptionInPlan(tx, ctx.workspace!.id, { creating: true, retrySchedule: data.retrySchedule });
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
