import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { CONNECTOR_TYPES, CONNECTOR_TYPE_INFO, type ConnectorType } from "@/lib/webhooks/connector-types";

/**
 * Plans: what a workspace may do. Each workspace is on one plan (Workspace.planId); the built-in
 * plans come from the migration and can be changed (not deleted) by instance admins, who can also
 * define their own. The plan "default" is the one an install had before workspaces: its integration
 * limits are read from PORTAL_MAX_INTEGRATIONS and PORTAL_MAX_INTEGRATIONS_<TYPE>, as before.
 */

export const DEFAULT_PLAN_KEY = "default";
/** The built-in plans, cheapest first. */
export const BUILT_IN_PLAN_KEYS = ["default", "free", "starter", "pro", "enterprise"] as const;

/** A Plan row as Prisma reads it. */
export interface PlanRow {
  id: string;
  key: string;
  name: string;
  builtIn: boolean;
  maxIntegrations: number | null;
  maxPerConnectorType: unknown;
  onePerConnectorType: boolean;
  automaticDeliveries: boolean;
  retrySchedules: boolean;
  ingestPerMinute: number | null;
  triggersPerMinute: number | null;
  historyDays: number | null;
  createdAt: Date;
}

/** A plan as it applies: every connector type's limit spelled out (null: none of its own). */
export interface EffectivePlan {
  id: string;
  key: string;
  name: string;
  builtIn: boolean;
  /** The most integrations in all; null: no limit. */
  maxIntegrations: number | null;
  /** The most integrations per connector type; 0: not in the plan; null: no limit of its own. */
  maxPerConnectorType: Record<ConnectorType, number | null>;
  onePerConnectorType: boolean;
  automaticDeliveries: boolean;
  retrySchedules: boolean;
  ingestPerMinute: number | null;
  triggersPerMinute: number | null;
  historyDays: number | null;
  /** The integration limits come from PORTAL_MAX_INTEGRATIONS* (the default plan). */
  integrationLimitsFromEnvironment: boolean;
}

/** The per-type limits stored on a plan ({ slack: 0 }), keeping only known types and whole numbers. */
export function storedPerType(value: unknown): Partial<Record<ConnectorType, number>> {
  const stored = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return Object.fromEntries(
    CONNECTOR_TYPES.flatMap((t) => (Number.isInteger(stored[t]) && (stored[t] as number) >= 0 ? [[t, stored[t] as number]] : [])),
  );
}

/** What a plan row means: for the default plan, the integration limits of the environment. */
export function effectivePlan(row: PlanRow): EffectivePlan {
  const fromEnvironment = row.key === DEFAULT_PLAN_KEY;
  const stored = storedPerType(row.maxPerConnectorType);
  const e = fromEnvironment ? env() : null;
  const environmentPerType: Record<ConnectorType, number | undefined> = {
    standard: e?.PORTAL_MAX_INTEGRATIONS_STANDARD,
    slack: e?.PORTAL_MAX_INTEGRATIONS_SLACK,
    discord: e?.PORTAL_MAX_INTEGRATIONS_DISCORD,
    teams: e?.PORTAL_MAX_INTEGRATIONS_TEAMS,
    zapier: e?.PORTAL_MAX_INTEGRATIONS_ZAPIER,
  };
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    builtIn: row.builtIn,
    maxIntegrations: e ? (e.PORTAL_MAX_INTEGRATIONS ?? null) : row.maxIntegrations,
    maxPerConnectorType: Object.fromEntries(
      CONNECTOR_TYPES.map((t) => [t, e ? (environmentPerType[t] ?? null) : (stored[t] ?? null)]),
    ) as Record<ConnectorType, number | null>,
    onePerConnectorType: row.onePerConnectorType,
    automaticDeliveries: row.automaticDeliveries,
    retrySchedules: row.retrySchedules,
    ingestPerMinute: row.ingestPerMinute,
    triggersPerMinute: row.triggersPerMinute,
    historyDays: row.historyDays,
    integrationLimitsFromEnvironment: fromEnvironment,
  };
}

/**
 * The plan a workspace is on (Workspace and Plan are not scoped: the id names the workspace).
 * historyDays is what the engine's purge keeps of the workspace's history.
 */
export async function planOfWorkspace(workspaceId: string, client: Tx | typeof db = db): Promise<EffectivePlan> {
  const workspace = await client.workspace.findUnique({ where: { id: workspaceId }, select: { plan: true } });
  if (!workspace) throw new AppError("workspace_not_found", "This workspace does not exist, or you are not a member of it.");
  return effectivePlan(workspace.plan);
}

/** Whether a workspace on the plan may have an integration of this connector type at all. */
export const includesConnectorType = (plan: EffectivePlan, type: ConnectorType) =>
  plan.maxIntegrations !== 0 && plan.maxPerConnectorType[type] !== 0;

/**
 * Every plan but the default one, cheapest first: the built-in ones in their order, then the
 * others by how many integrations they allow (fewest first), then by age. The plan a refusal
 * names as the one to move to is the first of these that allows what was refused.
 */
export async function plansCheapestFirst(client: Tx | typeof db = db): Promise<EffectivePlan[]> {
  const rows = await client.plan.findMany({ where: { key: { not: DEFAULT_PLAN_KEY } } });
  const rank = (row: PlanRow) => {
    const builtIn = (BUILT_IN_PLAN_KEYS as readonly string[]).indexOf(row.key);
    return builtIn >= 0 ? builtIn : BUILT_IN_PLAN_KEYS.length;
  };
  return rows
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.maxIntegrations ?? Number.MAX_SAFE_INTEGER) - (b.maxIntegrations ?? Number.MAX_SAFE_INTEGER) ||
        a.createdAt.getTime() - b.createdAt.getTime(),
    )
    .map(effectivePlan);
}

/** What a plan may lack, each as a refusal can name it. */
export type PlanFeature = { connectorType: ConnectorType } | "automaticDeliveries" | "retrySchedules";

const hasFeature = (plan: EffectivePlan, feature: PlanFeature) =>
  typeof feature === "object" ? includesConnectorType(plan, feature.connectorType) : plan[feature];

const featureText = (feature: PlanFeature) =>
  typeof feature === "object"
    ? `${CONNECTOR_TYPE_INFO[feature.connectorType].label} integrations are`
    : feature === "automaticDeliveries"
      ? "Automatic deliveries (subscriptions) are"
      : "Automatic retry schedules are";

/**
 * The 403 `plan_required` for something the workspace's plan does not include, naming the
 * cheapest plan that does: "Slack integrations are not in the Free plan; the Starter plan
 * includes them."
 */
export async function planRequired(
  plan: EffectivePlan,
  feature: PlanFeature,
  field: string | null,
  client: Tx | typeof db = db,
): Promise<AppError> {
  const upgrade = (await plansCheapestFirst(client)).find((p) => p.id !== plan.id && hasFeature(p, feature));
  const message = `${featureText(feature)} not in the ${plan.name} plan${upgrade ? `; the ${upgrade.name} plan includes them` : ""}.`;
  return new AppError("plan_required", message, field ? { [field]: [message] } : undefined);
}

/** Refuses (plan_required) unless the plan includes the feature. */
export async function assertPlanIncludes(plan: EffectivePlan, feature: PlanFeature, field: string | null, client: Tx | typeof db = db) {
  if (!hasFeature(plan, feature)) throw await planRequired(plan, feature, field, client);
}
