import { sql } from "@/lib/db";
import { env } from "@/lib/env";
import { rateLimited } from "@/lib/errors";

const WINDOW_MS = 60_000;

/**
 * Takes one of the user's triggers and retries for this minute, or refuses with the seconds to
 * wait. A generic cell rate algorithm over one row per user: `limit` may be used at once, then
 * one more every minute / limit. The row lives in the database, so the limit holds across every
 * portal instance sharing it, and a check is one indexed upsert whatever the limit.
 */
export async function assertWithinRateLimit(userId: string, limit = env().PORTAL_TRIGGER_RATE_LIMIT, now = new Date()) {
  const interval = WINDOW_MS / limit;
  const [taken] = await sql<{ tat: Date }>`
    INSERT INTO "TriggerRateLimit" AS r ("userId", "tat")
    VALUES (${userId}::uuid, ${now}::timestamp + ${interval}::float8 * interval '1 millisecond')
    ON CONFLICT ("userId") DO UPDATE SET "tat" = GREATEST(r."tat", ${now}::timestamp) + ${interval}::float8 * interval '1 millisecond'
    WHERE GREATEST(r."tat", ${now}::timestamp) + ${interval}::float8 * interval '1 millisecond' <= ${now}::timestamp + interval '1 minute'
    RETURNING r."tat"`;
  if (taken) return;
  const [row] = await sql<{ tat: Date }>`SELECT "tat" FROM "TriggerRateLimit" WHERE "userId" = ${userId}::uuid`;
  const waitMs = row ? row.tat.getTime() + interval - WINDOW_MS - now.getTime() : interval;
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  throw rateLimited(`You may trigger or retry at most ${limit} times a minute. Try again in ${retryAfter} s.`, retryAfter);
}
