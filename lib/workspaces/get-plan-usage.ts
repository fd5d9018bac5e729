import { z } from "zod";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { limitUsage } from "@/lib/integrations/limits";
import { CONNECTOR_TYPES, CONNECTOR_TYPE_INFO } from "@/lib/webhooks/connector-types";
import { includesConnectorType } from "./plans";
import { workspaceRateUsage } from "./rate-limit";
import { inWorkspace } from "./scope";
import { planView, toPlanView } from "./views";

const count = z.number().int();
const limit = z.number().int().nullable();

export const planUsageView = z.object({
  plan: planView.omit({ workspaces: true }),
  integrations: z.object({ used: count, limit, over: z.boolean() }),
  connectorTypes: z.array(
    z.object({
      type: z.enum(CONNECTOR_TYPES),
      label: z.string(),
      used: count,
      limit: limit.describe("The most of this type (1 with one integration per connector type); 0: not in the plan; null: no limit"),
      included: z.boolean(),
      over: z.boolean(),
    }),
  ),
  automaticDeliveries: z.object({
    included: z.boolean(),
    enabledSubscriptions: count.describe("Subscriptions enabled now"),
    over: z.boolean(),
  }),
  retrySchedules: z.object({
    included: z.boolean(),
    subscriptionsWithRetries: count.describe("Subscriptions with a non-empty retry schedule"),
    over: z.boolean(),
  }),
  ingestPerMinute: z.object({ limit, usedLastMinute: count.describe("About how many of the allowance the last minute used") }),
  triggersPerMinute: z.object({ limit, usedLastMinute: count }),
  historyDays: z.object({ limit: limit.describe("Days of execution history kept; null: as long as the portal keeps it") }),
  over: z
    .array(z.string())
    .describe("What the workspace has beyond its plan, one sentence each: nothing is disabled, new creations are refused"),
});
export type PlanUsage = z.output<typeof planUsageView>;

/**
 * The workspace's plan and its usage against each limit, and what is over the plan (after a plan
 * change, say): nothing is disabled for it, new creations are refused. Every member can read it.
 */
export async function getPlanUsage({ ctx }: { ctx: Ctx }): Promise<PlanUsage> {
  authorize(ctx, "portal.read");
  return planUsageOf(ctx.workspace!.id);
}

/** getPlanUsage for a workspace named by id (instance administration, after a plan change). */
export function planUsageOf(workspaceId: string): Promise<PlanUsage> {
  return inWorkspace(workspaceId, async () => {
    const [usage, enabledSubscriptions, subscriptionsWithRetries] = await Promise.all([
      limitUsage(workspaceId),
      db.subscription.count({ where: { enabled: true } }),
      db.subscription.count({ where: { NOT: { retrySchedule: { isEmpty: true } } } }),
    ]);
    const { plan } = usage;
    const rates = await workspaceRateUsage(workspaceId, { ingest: plan.ingestPerMinute, trigger: plan.triggersPerMinute });
    const over: string[] = [];
    const integrationsOver = usage.total.limit !== null && usage.total.used > usage.total.limit;
    if (integrationsOver) over.push(`${usage.total.used} integrations; the ${plan.name} plan allows ${usage.total.limit}.`);
    const connectorTypes = CONNECTOR_TYPES.map((type) => {
      const { used, limit: typeLimit } = usage.perType[type];
      const included = includesConnectorType(plan, type);
      const label = CONNECTOR_TYPE_INFO[type].label;
      const isOver = used > 0 && (!included || (typeLimit !== null && used > typeLimit));
      if (isOver) {
        over.push(
          included
            ? `${used} ${label} integrations; the ${plan.name} plan allows ${typeLimit}.`
            : `${used} ${label} integration${used === 1 ? "" : "s"}; ${label} integrations are not in the ${plan.name} plan.`,
        );
      }
      return { type, label, used, limit: typeLimit, included, over: isOver };
    });
    const deliveriesOver = !plan.automaticDeliveries && enabledSubscriptions > 0;
    if (deliveriesOver)
      over.push(
        `${enabledSubscriptions} enabled subscription${enabledSubscriptions === 1 ? "" : "s"}; automatic deliveries are not in the ${plan.name} plan.`,
      );
    const retriesOver = !plan.retrySchedules && subscriptionsWithRetries > 0;
    if (retriesOver)
      over.push(
        `${subscriptionsWithRetries} subscription${subscriptionsWithRetries === 1 ? "" : "s"} with a retry schedule; retry schedules are not in the ${plan.name} plan.`,
      );
    const { workspaces: _, ...planFields } = toPlanView(plan, 0);
    return {
      plan: planFields,
      integrations: { ...usage.total, over: integrationsOver },
      connectorTypes,
      automaticDeliveries: { included: plan.automaticDeliveries, enabledSubscriptions, over: deliveriesOver },
      retrySchedules: { included: plan.retrySchedules, subscriptionsWithRetries, over: retriesOver },
      ingestPerMinute: { limit: plan.ingestPerMinute, usedLastMinute: rates.ingest },
      triggersPerMinute: { limit: plan.triggersPerMinute, usedLastMinute: rates.trigger },
      historyDays: { limit: plan.historyDays },
      over,
    };
  });
}
