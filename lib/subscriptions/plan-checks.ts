import type { Tx } from "@/lib/db";
import { assertPlanIncludes, planOfWorkspace, type EffectivePlan } from "@/lib/workspaces/plans";

/**
 * What the workspace's plan says of a subscription being created or changed: without automatic
 * deliveries, none can be created or enabled; without retry schedules, none can have one
 * (403 `plan_required`, naming the cheapest plan that includes it). Subscriptions that already
 * exist are left as they are: the Plan page lists them as over the plan. Returns the plan.
 */
export async function assertSubscriptionInPlan(
  tx: Tx,
  workspaceId: string,
  change: { creating?: boolean; enabling?: boolean; retrySchedule?: readonly number[] },
): Promise<EffectivePlan> {
  const plan = await planOfWorkspace(workspaceId, tx);
  if (change.creating || change.enabling) await assertPlanIncludes(plan, "automaticDeliveries", change.creating ? null : "enabled", tx);
  if (change.retrySchedule && change.retrySchedule.length > 0) await assertPlanIncludes(plan, "retrySchedules", "retrySchedule", tx);
  return plan;
}
