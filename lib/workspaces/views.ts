import { z } from "zod";
import { CONNECTOR_TYPES } from "@/lib/webhooks/connector-types";
import { storedPerType, type EffectivePlan, type PlanRow } from "./plans";
import { MEMBER_ROLES } from "./schemas";

const perType = z.partialRecord(z.enum(CONNECTOR_TYPES), z.number().int());

export const planView = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  builtIn: z.boolean().describe("A built-in plan: it can be changed, not deleted"),
  maxIntegrations: z.number().int().nullable().describe("The most integrations in all; null: no limit"),
  maxPerConnectorType: perType.describe(
    "The most integrations per connector type; 0: not in the plan; a type not listed: no limit of its own",
  ),
  onePerConnectorType: z
    .boolean()
    .describe("At most one integration per connector type: creating a second one of a type updates the first"),
  automaticDeliveries: z.boolean().describe("Subscriptions (automatic deliveries) are included"),
  retrySchedules: z.boolean().describe("Automatic retry schedules are included"),
  ingestPerMinute: z.number().int().nullable().describe("Events ingested per minute, per workspace; null: no limit"),
  triggersPerMinute: z.number().int().nullable().describe("Manual triggers per minute, per workspace; null: no limit"),
  historyDays: z.number().int().nullable().describe("Days of execution history kept; null: as long as the portal keeps it"),
  integrationLimitsFromEnvironment: z
    .boolean()
    .describe("The integration limits are PORTAL_MAX_INTEGRATIONS and PORTAL_MAX_INTEGRATIONS_<TYPE> (the default plan)"),
  workspaces: z.number().int().describe("Workspaces on this plan"),
});
export type PlanView = z.output<typeof planView>;

/** A plan as the API shows it: the integration limits that apply (for the default plan, the environment's). */
export function toPlanView(plan: EffectivePlan, workspaces: number): PlanView {
  return {
    id: plan.id,
    key: plan.key,
    name: plan.name,
    builtIn: plan.builtIn,
    maxIntegrations: plan.maxIntegrations,
    maxPerConnectorType: Object.fromEntries(Object.entries(plan.maxPerConnectorType).filter(([, v]) => v !== null)) as Record<
      string,
      number
    >,
    onePerConnectorType: plan.onePerConnectorType,
    automaticDeliveries: plan.automaticDeliveries,
    retrySchedules: plan.retrySchedules,
    ingestPerMinute: plan.ingestPerMinute,
    triggersPerMinute: plan.triggersPerMinute,
    historyDays: plan.historyDays,
    integrationLimitsFromEnvironment: plan.integrationLimitsFromEnvironment,
    workspaces,
  };
}

/** What an audit row keeps of a plan: its stored values. */
export const auditedPlan = (row: PlanRow) => ({
  key: row.key,
  name: row.name,
  maxIntegrations: row.maxIntegrations,
  maxPerConnectorType: storedPerType(row.maxPerConnectorType),
  onePerConnectorType: row.onePerConnectorType,
  automaticDeliveries: row.automaticDeliveries,
  retrySchedules: row.retrySchedules,
  ingestPerMinute: row.ingestPerMinute,
  triggersPerMinute: row.triggersPerMinute,
  historyDays: row.historyDays,
});

const planRef = z.object({ id: z.uuid(), key: z.string(), name: z.string() });

/** A workspace as instance admins see it: counts only, none of its data. */
export const workspaceAdminView = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  plan: planRef,
  members: z.number().int(),
  integrations: z.number().int(),
  isDefault: z.boolean().describe("The default workspace (everything of an install before workspaces): it cannot be deleted"),
  createdAt: z.date(),
});
export type WorkspaceAdminView = z.output<typeof workspaceAdminView>;

/** One of the caller's own workspaces. */
export const myWorkspaceView = z.object({
  slug: z.string(),
  name: z.string(),
  role: z.enum(MEMBER_ROLES),
});
export type MyWorkspaceView = z.output<typeof myWorkspaceView>;

/** A workspace, to a member (with their role) or an instance admin (role null unless also a member). */
export const workspaceView = workspaceAdminView.extend({
  role: z.enum(MEMBER_ROLES).nullable().describe("The caller's role in it; null: an instance admin who is not a member"),
});
export type WorkspaceView = z.output<typeof workspaceView>;
