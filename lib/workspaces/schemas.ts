import { z } from "zod";
import { singleLine } from "@/lib/validation";
import { CONNECTOR_TYPES } from "@/lib/webhooks/connector-types";

/** Lowercase letters, digits and single hyphens: what /w/{slug}/… and /api/v1/workspaces/{slug}/… accept. */
export const workspaceSlug = z
  .string("Enter a slug")
  .trim()
  .toLowerCase()
  .min(1, "Enter a slug")
  .max(64, "Use at most 64 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens");

const workspaceName = singleLine().min(1, "Enter a name").max(100, "Use at most 100 characters");

export const planKey = z
  .string("Enter a key")
  .trim()
  .toLowerCase()
  .min(1, "Enter a key")
  .max(40, "Use at most 40 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens");

export const MEMBER_ROLES = ["owner", "admin", "member"] as const;
const memberRole = z.enum(MEMBER_ROLES, "Use one of: owner, admin, member");

/** A limit: a whole number, or null for none. */
const limit = (max: number) =>
  z
    .number("Give a whole number, or null for no limit")
    .int("Use a whole number")
    .min(0, "Use 0 or more")
    .max(max, `Use at most ${max}`)
    .nullable();
/** A rate: at least 1 a minute, or null for none. */
const rate = z
  .number("Give a whole number, or null for no limit")
  .int("Use a whole number")
  .min(1, "Use at least 1 a minute")
  .max(1_000_000, "Use at most 1000000")
  .nullable();

const planFields = {
  name: singleLine().min(1, "Enter a name").max(60, "Use at most 60 characters"),
  /** null: no limit. */
  maxIntegrations: limit(100_000),
  /** Per connector type; a type not listed (or null) has no limit of its own; 0: not in the plan. */
  maxPerConnectorType: z
    .partialRecord(
      z.enum(CONNECTOR_TYPES, `Use connector types: ${CONNECTOR_TYPES.join(", ")}`),
      limit(100_000),
      'Send maxPerConnectorType as an object, e.g. {"slack": 0}',
    )
    .transform(
      (limits) => Object.fromEntries(Object.entries(limits).filter(([, n]) => n !== null && n !== undefined)) as Record<string, number>,
    ),
  onePerConnectorType: z.boolean("Use true or false"),
  automaticDeliveries: z.boolean("Use true or false"),
  retrySchedules: z.boolean("Use true or false"),
  ingestPerMinute: rate,
  triggersPerMinute: rate,
  historyDays: z
    .number("Give a number of days, or null")
    .int("Use whole days")
    .min(1, "Keep at least 1 day")
    .max(3650, "Use at most 3650 days")
    .nullable(),
};

export const createPlanInput = z
  .object({
    key: planKey,
    name: planFields.name,
    maxIntegrations: planFields.maxIntegrations.default(null),
    maxPerConnectorType: planFields.maxPerConnectorType.default({}),
    onePerConnectorType: planFields.onePerConnectorType.default(false),
    automaticDeliveries: planFields.automaticDeliveries.default(true),
    retrySchedules: planFields.retrySchedules.default(true),
    ingestPerMinute: planFields.ingestPerMinute.default(null),
    triggersPerMinute: planFields.triggersPerMinute.default(null),
    historyDays: planFields.historyDays.default(null),
  })
  .strict();
export type CreatePlanInput = z.input<typeof createPlanInput>;

/** Every field optional: what is absent stays. The key of a plan does not change. */
export const updatePlanInput = z
  .object({
    name: planFields.name.optional(),
    maxIntegrations: planFields.maxIntegrations.optional(),
    maxPerConnectorType: planFields.maxPerConnectorType.optional(),
    onePerConnectorType: planFields.onePerConnectorType.optional(),
    automaticDeliveries: planFields.automaticDeliveries.optional(),
    retrySchedules: planFields.retrySchedules.optional(),
    ingestPerMinute: planFields.ingestPerMinute.optional(),
    triggersPerMinute: planFields.triggersPerMinute.optional(),
    historyDays: planFields.historyDays.optional(),
  })
  .strict();
export type UpdatePlanInput = z.input<typeof updatePlanInput>;

export const createWorkspaceInput = z
  .object({
    name: workspaceName,
    slug: workspaceSlug,
    /** The plan's key (free, starter, pro, enterprise, or one an instance admin made). */
    plan: planKey,
    /** The first owner: the email of an existing account. */
    ownerEmail: z.string("Enter an email").trim().toLowerCase().pipe(z.email("Enter an email address")),
  })
  .strict();
export type CreateWorkspaceInput = z.input<typeof createWorkspaceInput>;

export const updateWorkspaceInput = z
  .object({
    name: workspaceName.optional(),
    /** Another plan's key: nothing is disabled; what is then over the plan is listed on its Plan page. */
    plan: planKey.optional(),
  })
  .strict();
export type UpdateWorkspaceInput = z.input<typeof updateWorkspaceInput>;

export const supportAccessInput = z
  .object({
    /** The workspace's slug. */
    workspace: workspaceSlug,
    role: memberRole.default("member"),
  })
  .strict();
export type SupportAccessInput = z.input<typeof supportAccessInput>;
