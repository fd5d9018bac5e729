import { z } from "zod";
import type { Subscription } from "@/lib/generated/prisma/client";
import type { EventFilter } from "@/lib/webhooks/match";
import { SUBSCRIPTION_MODES, type SubscriptionMode } from "./schemas";

export const subscriptionView = z.object({
  id: z.uuid(),
  integrationId: z.uuid(),
  eventTypes: z.array(z.string()),
  minSeverity: z.string().nullable(),
  sources: z.array(z.string()),
  filter: z.record(z.string(), z.unknown()).nullable(),
  mode: z.enum(SUBSCRIPTION_MODES),
  enabled: z.boolean(),
  state: z.enum(["enabled", "disabled"]),
  description: z.string(),
  retrySchedule: z
    .array(z.number().int())
    .nullable()
    .describe("Delays in seconds before automatic retry 1, 2, …; null: no automatic retry"),
  retryJitter: z.boolean(),
  disableAfterFailures: z.number().int(),
  consecutiveFailures: z.number().int().describe("Failed automatic deliveries in a row (a retry chain counts once)"),
  disabledReason: z
    .string()
    .nullable()
    .describe("Why the portal disabled it (410 Gone, too many failures); null when enabled or disabled by a person"),
  disabledAt: z.date().nullable(),
  lastError: z.string().nullable(),
  schemaPins: z
    .record(z.string(), z.number().int())
    .describe("Schema versions the receiver is built for, by event type: deliveries of events checked against a newer version are flagged"),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SubscriptionView = z.infer<typeof subscriptionView>;

/** Recent activity of a subscription, for the integration page. */
export const subscriptionActivity = z.object({
  deliveries24h: z
    .number()
    .int()
    .describe("Messages it caused with an attempt in the last 24 hours: a delivery and its retries count once"),
  attempts24h: z.number().int().describe("Attempts in the last 24 hours, retries included"),
  lastDeliveryAt: z.date().nullable(),
});
export const subscriptionWithActivityView = subscriptionView.extend({ activity: subscriptionActivity });
export type SubscriptionWithActivity = z.infer<typeof subscriptionWithActivityView>;

export function toSubscriptionView(s: Subscription): SubscriptionView {
  return {
    id: s.id,
    integrationId: s.integrationId,
    eventTypes: s.eventTypes,
    minSeverity: s.minSeverity,
    sources: s.sources,
    filter: (s.filter as EventFilter | null) ?? null,
    mode: s.mode as SubscriptionMode,
    enabled: s.enabled,
    state: s.enabled ? "enabled" : "disabled",
    description: s.description,
    retrySchedule: s.retrySchedule.length > 0 ? s.retrySchedule : null,
    retryJitter: s.retryJitter,
    disableAfterFailures: s.disableAfterFailures,
    consecutiveFailures: s.consecutiveFailures,
    disabledReason: s.disabledReason,
    disabledAt: s.disabledAt,
    lastError: s.lastError,
    schemaPins: (s.schemaPins as Record<string, number> | null) ?? {},
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/** What the audit log keeps of a subscription (before/after of a change). */
export const auditedFields = (s: SubscriptionView) => ({
  eventTypes: s.eventTypes,
  minSeverity: s.minSeverity,
  sources: s.sources,
  filter: s.filter,
  mode: s.mode,
  enabled: s.enabled,
  description: s.description,
  retrySchedule: s.retrySchedule,
  retryJitter: s.retryJitter,
  disableAfterFailures: s.disableAfterFailures,
  schemaPins: s.schemaPins,
});
