import { sql } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Attempt } from "@/lib/generated/prisma/client";
import type { AttemptWithBody } from "./views";

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The first attempt of the message a user's key created in the workspace within the last 24 hours, if any. */
export async function findReplay(workspaceId: string, userId: string, key: string, now = new Date()): Promise<AttemptWithBody | null> {
  const [first] = await sql<AttemptWithBody>`
    SELECT a.*, jsonb_build_object('body', m."body") AS "message" FROM "IdempotencyKey" k
    JOIN "Attempt" a ON a."messageId" = k."messageId"
    JOIN "Message" m ON m."id" = k."messageId"
    WHERE k."workspaceId" = ${workspaceId}::uuid AND k."userId" = ${userId}::uuid AND k."key" = ${key} AND k."createdAt" >= ${windowStart(now)}
    ORDER BY a."startedAt", a."id"
    LIMIT 1`;
  return first ?? null;
}

/** Frees a user's key (in the workspace) whose 24 hours are over, so it can name a new message. */
export async function releaseExpiredKey(workspaceId: string, userId: string, key: string, now = new Date()) {
  await sql`
    DELETE FROM "IdempotencyKey" WHERE "workspaceId" = ${workspaceId}::uuid AND "userId" = ${userId}::uuid AND "key" = ${key} AND "createdAt" < ${windowStart(now)}`;
}

const windowStart = (now: Date) => new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS);

/**
 * The earlier attempt a key names, when it was made for the same request (integration, mode,
 * event); a key reused for another request is refused rather than answered with an unrelated
 * attempt.
 */
export function replayOf(earlier: AttemptWithBody, request: Pick<Attempt, "integrationId" | "mode" | "eventId">): AttemptWithBody {
  if (earlier.integrationId !== request.integrationId || earlier.mode !== request.mode || earlier.eventId !== request.eventId) {
    throw new AppError(
      "idempotency_key_reused",
      "This Idempotency-Key was already used for a different request in the last 24 hours. Use a new key for a new request.",
    );
  }
  return earlier;
}
