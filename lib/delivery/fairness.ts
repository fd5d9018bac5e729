/**
 * Fairness between workspaces on one queue. Deliveries are queued in the order events arrive, so
 * a workspace that ingests a burst would put every other workspace's deliveries behind its own.
 * Each process keeps, per workspace, how many deliveries it queued lately (a count that decays
 * with a half-life of a few seconds); a workspace well above a steady rate has its new jobs queued
 * at a lower priority. The queue fetches by priority first, then age: a workspace sending at its
 * usual pace goes ahead of another's backlog, and a backlog still drains in its own order whenever
 * nothing else waits. Nothing is dropped or refused here (ingest rate limits do that, per plan).
 */

/** Half-life of the recent count, in milliseconds. */
const HALF_LIFE_MS = 5_000;
/** Recent deliveries (decayed) up to which a workspace's jobs keep the normal priority. */
const STEADY = 500;
/** Above this, the lowest priority. */
const HEAVY = 5_000;

/** pg-boss priorities: higher first. Every other job (retries, recoveries, bulk retries) has the normal one, 0. */
export const PRIORITY = { normal: 0, busy: -1, heavy: -2 } as const;

const recent = new Map<string, { count: number; at: number }>();

/** Counts `deliveries` queued now for a workspace and answers the priority of their job. */
export function fairPriority(workspaceId: string, deliveries: number, now = Date.now()): number {
  const entry = recent.get(workspaceId);
  const count = (entry ? entry.count * 0.5 ** (Math.max(0, now - entry.at) / HALF_LIFE_MS) : 0) + deliveries;
  if (recent.size > 10_000 && !entry) recent.clear(); // bounded: an idle workspace's count is worth nothing anyway
  recent.set(workspaceId, { count, at: now });
  return count <= STEADY ? PRIORITY.normal : count <= HEAVY ? PRIORITY.busy : PRIORITY.heavy;
}
