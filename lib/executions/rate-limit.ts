import { sql } from "@/lib/db";
import { env } from "@/lib/env";
import { rateLimited } from "@/lib/errors";

const WINDOW_MS = 60_000;

/**
 * Triggers and retries per user and minute, counted from the attempts table, so the limit holds
 * across every portal instance sharing the database.
 */
export async function assertWithinRateLimit(userId: string, limit = env().PORTAL_TRIGGER_RATE_LIMIT, now = new Date()) {
  const since = new Date(now.getTime() - WINDOW_MS);
  // The limit-th most recent start in the window, if there are that many: one indexed read.
  const [row] = await sql<{ startedAt: Date }>`
    SELECT "startedAt" FROM "Attempt"
    WHERE "triggeredById" = ${userId}::uuid AND "startedAt" > ${since} AND "kind" IN ('initial', 'manual_retry')
    ORDER BY "startedAt" DESC
    OFFSET ${limit - 1} LIMIT 1`;
  if (!row) return;
  const retryAfter = Math.max(1, Math.ceil((row.startedAt.getTime() + WINDOW_MS - now.getTime()) / 1000));
  throw rateLimited(`You may trigger or retry at most ${limit} times a minute. Try again in ${retryAfter} s.`, retryAfter);
}
