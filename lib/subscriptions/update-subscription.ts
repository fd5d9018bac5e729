import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertFilterFitsSchemas } from "@/lib/event-types/check-filter-paths";
import { assertPinsExist } from "@/lib/event-types/check-pins";
import { assertId } from "@/lib/ids";
import { lockIntegration } from "@/lib/integrations/lock";
import type { EventFilter } from "@/lib/webhooks/match";
import { lockSubscription } from "./lock";
import { assertSubscriptionInPlan } from "./plan-checks";
import { updateSubscriptionInput, type UpdateSubscriptionInput } from "./schemas";
import { auditedFields, toSubscriptionView, type SubscriptionView } from "./views";

/**
 * Changes a subscription (what is absent stays); audits the fields that changed, before and after.
 * Enabling one, or giving it a retry schedule, is refused (plan_required) where the plan leaves it out.
 */
export async function updateSubscription({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: UpdateSubscriptionInput;
}): Promise<SubscriptionView> {
  authorize(ctx, "integrations.manage");
  assertId(id, "Subscription");
  const changes = updateSubscriptionInput.parse(input);
  return db.$transaction(async (tx) => {
    const row = await lockSubscription(tx, id);
    const before = toSubscriptionView(row);
    const name = await lockIntegration(tx, before.integrationId);
    const keys = (Object.keys(changes) as (keyof typeof changes)[]).filter(
      (k) => changes[k] !== undefined && JSON.stringify(changes[k]) !== JSON.stringify(row[k]),
    );
    if (keys.length === 0) return before;
    await assertSubscriptionInPlan(tx, ctx.workspace!.id, {
      enabling: keys.includes("enabled") && changes.enabled === true,
      retrySchedule: keys.includes("retrySchedule") ? changes.retrySchedule : undefined,
    });
    if (keys.includes("schemaPins") || keys.includes("eventTypes"))
      await assertPinsExist(tx, changes.eventTypes ?? before.eventTypes, changes.schemaPins ?? before.schemaPins);
    if (keys.includes("filter") || keys.includes("eventTypes"))
      await assertFilterFitsSchemas(
        tx,
        changes.eventTypes ?? before.eventTypes,
        changes.filter !== undefined ? changes.filter : (before.filter as EventFilter | null),
      );
    const { filter, ...rest } = changes;
    const after = toSubscriptionView(
      await tx.subscription.update({
        where: { id },
        data: {
          ...rest,
          ...(filter !== undefined && { filter: filter ?? Prisma.DbNull }),
          // Enabling starts afresh; a person disabling it leaves no portal reason behind.
          ...(keys.includes("enabled") &&
            (changes.enabled
              ? { consecutiveFailures: 0, disabledReason: null, disabledAt: null }
              : { disabledReason: null, disabledAt: new Date() })),
          updatedById: ctx.actor.id,
        },
      }),
    );
    const pick = (s: SubscriptionView) => Object.fromEntries(keys.map((k) => [k, auditedFields(s)[k]]));
    await recordAudit(tx, ctx, {
      action: "subscription.updated",
      target: { type: "integration", id: before.integrationId, label: name },
      before: {
        subscriptionId: id,
        ...pick(before),
        ...(changes.enabled && before.disabledReason && { disabledReason: before.disabledReason }),
      },
      after: { subscriptionId: id, ...pick(after) },
    });
    return after;
  });
}
