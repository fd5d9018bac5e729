import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { explainMatch, type EventFilter, type MatchExplanation } from "@/lib/webhooks/match";

export interface SubscriptionVerdict {
  subscriptionId: string;
  description: string;
  eventTypes: string[];
  /** Whether the subscription sends now (a person or the portal may have disabled it). */
  enabled: boolean;
  disabledReason: string | null;
  /** Whether its rules, as they are now, take the event — and if not, which one excludes it. */
  match: MatchExplanation;
  /** Attempts this subscription made for this event (0: it did not deliver it). */
  attempts: number;
}

export interface IntegrationVerdict {
  integrationId: string;
  integrationName: string;
  /** Whether the integration has a webhook, and whether it is enabled: automatic deliveries need both. */
  webhook: "enabled" | "disabled" | "none";
  subscriptions: SubscriptionVerdict[];
}

/**
 * Why an event was, or was not, delivered to each integration: for every subscription of every
 * integration, whether its rules take the event and which one excludes it (type, severity, source,
 * which filter condition), whether it is enabled, whether its webhook is, and how many attempts it
 * made for the event. Worked out when asked, from the subscriptions as they are now — they may have
 * changed since the event arrived, which the page says. Portal events (failure alerts) are never
 * fanned out to subscriptions.
 */
export async function explainEventDeliveries({ ctx, eventId }: { ctx: Ctx; eventId: string }): Promise<{
  portalEvent: boolean;
  integrations: IntegrationVerdict[];
}> {
  authorize(ctx, "portal.read");
  const event = await db.event.findUnique({
    where: { id: assertId(eventId, "Event") },
    select: { id: true, type: true, title: true, severity: true, source: true, details: true },
  });
  if (!event) throw notFound("Event");
  const [integrations, attempts] = await Promise.all([
    db.integration.findMany({
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        webhook: { select: { enabled: true } },
        subscriptions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      },
    }),
    // Finished and in flight apart: each side has its own indexes.
    Promise.all(
      [{ finishedAt: { not: null } }, { finishedAt: null }].map((side) =>
        db.attempt.groupBy({ by: ["subscriptionId"], where: { eventId: event.id, subscriptionId: { not: null }, ...side }, _count: true }),
      ),
    ),
  ]);
  const made = new Map<string | null, number>();
  for (const a of attempts.flat()) made.set(a.subscriptionId, (made.get(a.subscriptionId) ?? 0) + a._count);
  return {
    portalEvent: event.source === "portal",
    integrations: integrations.map((i) => ({
      integrationId: i.id,
      integrationName: i.name,
      webhook: i.webhook ? (i.webhook.enabled ? "enabled" : "disabled") : "none",
      subscriptions: i.subscriptions.map((s) => ({
        subscriptionId: s.id,
        description: s.description,
        eventTypes: s.eventTypes,
        enabled: s.enabled,
        disabledReason: s.disabledReason,
        match: explainMatch({ ...s, filter: (s.filter as EventFilter | null) ?? null }, event),
        attempts: made.get(s.id) ?? 0,
      })),
    })),
  };
}
