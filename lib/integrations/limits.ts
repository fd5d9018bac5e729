import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { CONNECTOR_TYPE_INFO, CONNECTOR_TYPES, type ConnectorType } from "@/lib/webhooks/connector-types";
import { includesConnectorType, planOfWorkspace, planRequired, type EffectivePlan } from "@/lib/workspaces/plans";

export interface LimitUsage {
  plan: EffectivePlan;
  total: { used: number; limit: number | null };
  /** Per connector type: 0 is "not in the plan"; with one integration per type, at most 1. */
  perType: Record<ConnectorType, { used: number; limit: number | null }>;
}

/** A type's limit on the plan: with one integration per connector type, at most 1. */
export function perTypeLimit(plan: EffectivePlan, type: ConnectorType): number | null {
  const limit = plan.maxPerConnectorType[type];
  return plan.onePerConnectorType ? Math.min(limit ?? 1, 1) : limit;
}

/**
 * How many integrations a workspace has, in all and per connector type, beside its plan's limits.
 * Hand-written SQL: it names the workspace.
 */
export async function limitUsage(workspaceId: string, client: Tx | typeof db = db): Promise<LimitUsage> {
  const [plan, rows] = await Promise.all([
    planOfWorkspace(workspaceId, client),
    client.$queryRaw<{ connectorType: string; count: bigint }[]>`
      SELECT "connectorType", count(*) AS "count" FROM "Integration"
      WHERE "workspaceId" = ${workspaceId}::uuid GROUP BY "connectorType"`,
  ]);
  const counts = new Map(rows.map((r) => [r.connectorType, Number(r.count)]));
  const perType = Object.fromEntries(
    CONNECTOR_TYPES.map((t) => [t, { used: counts.get(t) ?? 0, limit: perTypeLimit(plan, t) }]),
  ) as LimitUsage["perType"];
  return { plan, total: { used: [...counts.values()].reduce((a, b) => a + b, 0), limit: plan.maxIntegrations }, perType };
}

export interface LimitProblem {
  code: "plan_required" | "limit_reached";
  message: string;
}

/**
 * Why one more integration of `type` cannot be added now (or, `adding` false, one changed to that
 * type: the total stays), or null when it can. A type the plan leaves out is `plan_required`; its
 * refusal (limitRefusal) also names the cheapest plan that includes it.
 */
export function limitProblem(usage: LimitUsage, type: ConnectorType, adding = true): LimitProblem | null {
  const { plan, total, perType } = usage;
  const label = CONNECTOR_TYPE_INFO[type].label;
  if (!includesConnectorType(plan, type)) {
    return { code: "plan_required", message: `${label} integrations are not in the ${plan.name} plan.` };
  }
  // With one integration per connector type, creating one of a type that exists updates that one.
  if (adding && plan.onePerConnectorType && perType[type].used > 0) return null;
  if (adding && total.limit !== null && total.used >= total.limit) {
    const source = plan.integrationLimitsFromEnvironment ? " (PORTAL_MAX_INTEGRATIONS)" : "";
    return {
      code: "limit_reached",
      message: `The ${plan.name} plan allows at most ${total.limit} integration${total.limit === 1 ? "" : "s"}${source}; ${existing(total.used)}.`,
    };
  }
  const t = perType[type];
  if (t.limit !== null && t.used >= t.limit) {
    if (plan.onePerConnectorType && t.limit === 1) {
      return {
        code: "limit_reached",
        message: `The ${plan.name} plan allows one integration per connector type, and a ${label} integration exists.`,
      };
    }
    const source = plan.integrationLimitsFromEnvironment ? ` (PORTAL_MAX_INTEGRATIONS_${type.toUpperCase()})` : "";
    return {
      code: "limit_reached",
      message: `The ${plan.name} plan allows at most ${t.limit} ${label} integration${t.limit === 1 ? "" : "s"}${source}; ${existing(t.used)}.`,
    };
  }
  return null;
}

/** The problem as the refusal says it: plan_required names the cheapest plan that includes the type. */
export async function limitRefusal(problem: LimitProblem, usage: LimitUsage, type: ConnectorType, client: Tx | typeof db = db) {
  if (problem.code === "plan_required") return planRequired(usage.plan, { connectorType: type }, "connectorType", client);
  return new AppError("limit_reached", problem.message);
}

/**
 * Holds the workspace's integration lock until the transaction ends (an advisory lock per
 * workspace), so that two admins creating the last allowed integration at once cannot both
 * succeed, and returns the usage as it is under the lock.
 */
export async function lockLimitUsage(tx: Tx, workspaceId: string): Promise<LimitUsage> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`integration-limits:${workspaceId}`}::text, 0))`;
  return limitUsage(workspaceId, tx);
}

/**
 * Refuses one more integration of `type` in the workspace beyond its plan: `plan_required` for a
 * type the plan leaves out, `limit_reached` beyond a limit. Takes the workspace's lock first.
 */
export async function assertWithinLimits(tx: Tx, workspaceId: string, type: ConnectorType, { adding = true } = {}): Promise<LimitUsage> {
  const usage = await lockLimitUsage(tx, workspaceId);
  const problem = limitProblem(usage, type, adding);
  if (problem) throw await limitRefusal(problem, usage, type, tx);
  return usage;
}

const existing = (n: number) => `${n} exist${n === 1 ? "s" : ""}`;
