import { db, sql, type Tx } from "@/lib/db";
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

type WaitingAttempt = { id: string; integrationId: string; timeoutSeconds: number };

/** Puts a delivery off to its slot: it stays queued (due then) and a job for the slot is queued. */
export async function putOff(attempt: WaitingAttempt, slot: Date) {
  await requeueAt(attempt, slot, { slotAt: slot });
}

/** The delivery stays queued, due at `at`, and a job is queued to send it then (`job`: what the job says of the wait). */
async function requeueAt(attempt: WaitingAttempt, at: Date, job: { slotAt?: Date; held?: number }) {
  await sql`UPDATE "Attempt" SET "dueAt" = ${at} WHERE "id" = ${attempt.id}::uuid AND "status" IN ('queued', 'scheduled')`;
  await enqueue(QUEUES.delivery, [
    deliveryJob({
      attemptId: attempt.id,
      integrationId: attempt.integrationId,
      timeoutSeconds: attempt.timeoutSeconds,
      startAfter: at,
      ...job,
    }),
  ]);
  wakeWorkersAt(at);
}

/** A delivery held by maxInFlight looks again after this long, doubling each time it is held, up to HOLD_MAX_MS. */
const HOLD_FIRST_MS = 250;
const HOLD_MAX_MS = 5_000;

/**
 * Claims a queued attempt for sending unless its integration already has
 * `maxInFlight` deliveries in flight (manual sends included: the receiver sees them all). The
 * count and the claim run under one transaction-scoped advisory lock per integration, so
 * workers in any number of processes never let more through: "full" when it is, "gone" when the
 * attempt was no longer queued.
 */
export async function claimWithinLimit(
  integrationId: string,
  maxInFlight: number,
  claim: (tx: Tx) => Promise<boolean>,
): Promise<"claimed" | "full" | "gone"> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`in-flight:${integrationId}`}, 0))`;
    // In flight: automatic attempts claimed by a worker, and sends a person is waiting for.
    const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
      SELECT ((SELECT count(*) FROM "DeliveryClaim" WHERE "integrationId" = ${integrationId}::uuid)
        + (SELECT count(*) FROM "Attempt" WHERE "integrationId" = ${integrationId}::uuid AND "status" = 'pending' AND "finishedAt" IS NULL))::int AS n`;
    if (n >= maxInFlight) return "full";
    return (await claim(tx)) ? "claimed" : "gone";
  });
}

/** Puts a delivery held by maxInFlight off for a moment: it stays queued and a job looks again. */
export async function holdForSlot(attempt: WaitingAttempt, held: number, now: Date): Promise<Date> {
  const at = new Date(now.getTime() + Math.min(HOLD_FIRST_MS * 2 ** held, HOLD_MAX_MS));
  await requeueAt(attempt, at, { held: held + 1 });
  return at;
}
