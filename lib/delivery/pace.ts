import { sql } from "@/lib/db";
import { deliveryJob, enqueue, QUEUES, wakeWorkersAt } from "@/lib/jobs/queue";

/** Longest a receiver's 429 may hold back its integration's deliveries. */
const MAX_BACKOFF_SECONDS = 300;

/**
 * Takes the next delivery slot of an integration (generic cell rate algorithm over one row per
 * integration): with `maxPerSecond`, one second's worth may go at once, then one every
 * 1/maxPerSecond; without, only a 429's back-off holds deliveries. Returns when this delivery may go.
 */
export async function takeDeliverySlot(integrationId: string, maxPerSecond: number | null, now: Date): Promise<Date> {
  const intervalMs = maxPerSecond ? 1000 / maxPerSecond : 0;
  const burstMs = maxPerSecond ? Math.max(0, Math.floor(maxPerSecond) - 1) * intervalMs : 0;
  const [row] = await sql<{ slot: Date }>`
    INSERT INTO "DeliveryRateLimit" AS r ("integrationId", "tat")
    VALUES (${integrationId}::uuid, ${now}::timestamp + ${intervalMs}::float8 * interval '1 millisecond')
    ON CONFLICT ("integrationId") DO UPDATE
      SET "tat" = GREATEST(r."tat", ${now}::timestamp - ${burstMs}::float8 * interval '1 millisecond') + ${intervalMs}::float8 * interval '1 millisecond'
    RETURNING "tat" - ${intervalMs}::float8 * interval '1 millisecond' AS "slot"`;
  return row.slot.getTime() > now.getTime() ? row.slot : now;
}

/** A 429 slows the integration down: none of its deliveries goes before Retry-After (or 1 s). */
export async function backOff(integrationId: string, retryAfterSeconds: number | null, now: Date) {
  const seconds = Math.min(Math.max(retryAfterSeconds ?? 1, 1), MAX_BACKOFF_SECONDS);
  await sql`
    INSERT INTO "DeliveryRateLimit" AS r ("integrationId", "tat") VALUES (${integrationId}::uuid, ${now}::timestamp + ${seconds} * interval '1 second')
    ON CONFLICT ("integrationId") DO UPDATE SET "tat" = GREATEST(r."tat", EXCLUDED."tat")`;
}

/** Puts a delivery off to its slot: it stays queued (due then) and a job for the slot is queued. */
export async function putOff(attempt: { id: string; integrationId: string; timeoutSeconds: number }, slot: Date) {
  await sql`UPDATE "Attempt" SET "dueAt" = ${slot} WHERE "id" = ${attempt.id}::uuid AND "status" IN ('queued', 'scheduled')`;
  await enqueue(QUEUES.delivery, [deliveryJob({ attemptId: attempt.id, integrationId: attempt.integrationId, timeoutSeconds: attempt.timeoutSeconds, startAfter: slot, slotAt: slot })]);
  wakeWorkersAt(slot);
}
