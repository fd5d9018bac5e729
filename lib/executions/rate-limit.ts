import { sql } from "@/lib/db";
import { env } from "@/lib/env";
import { rateLimited } from "@/lib/errors";

const WINDOW_MS = 60_000;

/*
 * Triggers, retries and test sends per user and minute, as a generic cell rate algorithm over one row per
 * user ("TriggerRateLimit"): `tat` is the time at which the user's allowance would be used up.
 * The whole allowance may be used at once, then one more comes back every minute / limit. A
 * trigger is allowed when max(tat, now) + minute / limit is at most a minute away, and moves
 * tat there. The row is in the database, so the limit holds across every portal instance, and
 * a check is one upsert whatever the limit (see takeAllowanceAndLoadTarget).
 */

/** How much one trigger uses up of the allowance, in milliseconds. */
export const allowanceIntervalMs = (limit: number) => WINDOW_MS / limit;

/** The 429 for a user whose allowance is used up until `tat`. */
export function rateLimitRefusal(tat: Date | null, limit: number, now: Date) {
  const interval = allowanceIntervalMs(limit);
  const waitMs = tat ? tat.getTime() + interval - WINDOW_MS - now.getTime() : interval;
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  return rateLimited(`You may trigger, retry or test-send at most ${limit} times a minute. Try again in ${retryAfter} s.`, retryAfter);
}

/**
 * Gives back one allowance taken by takeAllowanceAndLoadTarget, for a request that turned out
 * to send nothing (a replay of an idempotency key that a concurrent request claimed first).
 */
export async function returnAllowance(userId: string, limit = env().PORTAL_TRIGGER_RATE_LIMIT) {
  await sql`
    UPDATE "TriggerRateLimit" SET "tat" = "tat" - ${allowanceIntervalMs(limit)}::float8 * interval '1 millisecond'
    WHERE "userId" = ${userId}::uuid`;
}
