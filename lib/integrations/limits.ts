import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { scopeWorkspaceId } from "@/lib/workspaces/scope";
import { CONNECTOR_TYPE_INFO, CONNECTOR_TYPES, type ConnectorType } from "@/lib/webhooks/connector-types";

export interface IntegrationLimits {
  total: number | null;
  perType: Record<ConnectorType, number | null>;
}

/** The limits set by PORTAL_MAX_INTEGRATIONS and PORTAL_MAX_INTEGRATIONS_<TYPE> (unset: none). */
export function integrationLimits(): IntegrationLimits {
  const e = env();
  return {
    total: e.PORTAL_MAX_INTEGRATIONS ?? null,
    perType: {
      standard: e.PORTAL_MAX_INTEGRATIONS_STANDARD ?? null,
      slack: e.PORTAL_MAX_INTEGRATIONS_SLACK ?? null,
      discord: e.PORTAL_MAX_INTEGRATIONS_DISCORD ?? null,
      teams: e.PORTAL_MAX_INTEGRATIONS_TEAMS ?? null,
      zapier: e.PORTAL_MAX_INTEGRATIONS_ZAPIER ?? null,
    },
  };
}

export interface LimitUsage {
  total: { used: number; limit: number | null };
  perType: Record<ConnectorType, { used: number; limit: number | null }>;
}

/** How many integrations the workspace (the verb's: scopeWorkspaceId) has, in all and per connector type, beside their limits. */
export async function limitUsage(client: Tx | typeof db = db): Promise<LimitUsage> {
  const limits = integrationLimits();
  const rows = await client.$queryRaw<{ connectorType: string; count: bigint }[]>`
    SELECT "connectorType", count(*) AS "count" FROM "Integration" WHERE "workspaceId" = ${scopeWorkspaceId()}::uuid GROUP BY "connectorType"`;
  const counts = new Map(rows.map((r) => [r.connectorType, Number(r.count)]));
  const perType = Object.fromEntries(
    CONNECTOR_TYPES.map((t) => [t, { used: counts.get(t) ?? 0, limit: limits.perType[t] }]),
  ) as LimitUsage["perType"];
  return { total: { used: [...counts.values()].reduce((a, b) => a + b, 0), limit: limits.total }, perType };
}

/**
 * Why one more integration of `type` cannot be added now (or, `adding` false, one changed to that
 * type: the total stays), or null when it can.
 */
export function limitProblem(usage: LimitUsage, type: ConnectorType, adding = true): string | null {
  const { total, perType } = usage;
  if (adding && total.limit !== null && total.used >= total.limit) {
    return `This portal allows at most ${total.limit} integration${total.limit === 1 ? "" : "s"} (PORTAL_MAX_INTEGRATIONS); ${existing(total.used)}.`;
  }
  const t = perType[type];
  if (t.limit !== null && t.used >= t.limit) {
    return `This portal allows at most ${t.limit} ${CONNECTOR_TYPE_INFO[type].label} integration${t.limit === 1 ? "" : "s"} (PORTAL_MAX_INTEGRATIONS_${type.toUpperCase()}); ${existing(t.used)}.`;
  }
  return null;
}

/**
 * Refuses, with `limit_reached`, one more integration of `type` beyond the limits. Holds a
 * transaction lock first (one per workspace), so two admins creating the last one at once cannot both succeed.
 */
export async function assertWithinLimits(tx: Tx, type: ConnectorType, { adding = true } = {}): Promise<void> {
  const limits = integrationLimits();
  if ((!adding || limits.total === null) && limits.perType[type] === null) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`integration-limits:${scopeWorkspaceId()}`}))`;
  const problem = limitProblem(await limitUsage(tx), type, adding);
  if (problem) throw new AppError("limit_reached", problem);
}

const existing = (n: number) => `${n} exist${n === 1 ? "s" : ""}`;
