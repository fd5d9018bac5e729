import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { rateLimited } from "@/lib/errors";

const WINDOW_MS = 60_000;

/**
 * Triggers and retries per user and minute, counted from the attempts table, so the limit holds
 * across every portal instance sharing the database.
 */
export async function assertWithinRateLimit(userId: string, limit = env().PORTAL_TRIGGER_RATE_LIMIT, now = new Date()) {
  const since = new Date(now.getTime() - WINDOW_MS);
  const recent = await db.attempt.findMany({
    where: { triggeredById: userId, startedAt: { gt: since }, kind: { in: ["initial", "manual_retry"] } },
    orderBy: { startedAt: "desc" },
    take: limit,
    select: { startedAt: true },
  });
  if (recent.length < limit) return;
  const oldest = recent[recent.length - 1].startedAt.getTime();
  const retryAfter = Math.max(1, Math.ceil((oldest + WINDOW_MS - now.getTime()) / 1000));
  throw rateLimited(`You may trigger or retry at most ${limit} times a minute. Try again in ${retryAfter} s.`, retryAfter);
}
