import { db } from "@/lib/db";
import type { AttemptSummary } from "./views";

export type FlaggedSummary = AttemptSummary & { newerSchemaThanPinned?: true };

/**
 * Marks the automatic deliveries of a page whose event was checked against a newer schema
 * version than the one their subscription pins for its type. Reads the page's subscriptions (one
 * query), and their events only where one of them pins a version (a second); the delivery tables
 * are not touched.
 */
export async function flagNewerThanPinned(rows: AttemptSummary[]): Promise<FlaggedSummary[]> {
  const automatic = rows.filter((r) => r.subscriptionId && r.eventId);
  if (automatic.length === 0) return rows;
  const subscriptions = await db.subscription.findMany({
    where: { id: { in: [...new Set(automatic.map((r) => r.subscriptionId!))] }, NOT: { schemaPins: { equals: {} } } },
    select: { id: true, schemaPins: true },
  });
  if (subscriptions.length === 0) return rows;
  const pins = new Map(subscriptions.map((s) => [s.id, (s.schemaPins ?? {}) as Record<string, number>]));
  const pinned = automatic.filter((r) => pins.has(r.subscriptionId!));
  const events = await db.event.findMany({
    where: { id: { in: [...new Set(pinned.map((r) => r.eventId!))] }, schemaVersion: { not: null } },
    select: { id: true, type: true, schemaVersion: true },
  });
  const byId = new Map(events.map((e) => [e.id, e]));
  return rows.map((r) => {
    const event = r.eventId ? byId.get(r.eventId) : undefined;
    const pin = event && r.subscriptionId ? pins.get(r.subscriptionId)?.[event.type] : undefined;
    return event && pin !== undefined && (event.schemaVersion ?? 0) > pin ? { ...r, newerSchemaThanPinned: true as const } : r;
  });
}
