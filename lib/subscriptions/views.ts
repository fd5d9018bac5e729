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
  description: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SubscriptionView = z.infer<typeof subscriptionView>;

/** Recent activity of a subscription, for the integration page. */
export const subscriptionActivity = z.object({
  deliveries24h: z.number().int(),
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
    description: s.description,
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
});
