import { sql } from "@/lib/db";
import { scopeWorkspaceId } from "@/lib/workspaces/scope";

/**
 * Cancels the automatic retries still scheduled for a message (one delivery chain, never two):
 * they end `skipped` with the reason, and the attempts that scheduled them show no next retry.
 * A worker that holds such a retry's job finds it no longer scheduled and sends nothing; a retry
 * a worker is already sending is not cancelled (its outcome is recorded as usual). Called by verbs:
 * only a message of the verb's workspace is touched.
 */
export async function cancelScheduledRetries(messageId: string, reason: string, now: Date = new Date()): Promise<number> {
  const cancelled = await sql<{ id: string }>`
    WITH cancelled AS (
      UPDATE "Attempt" SET "status" = 'skipped', "errorClass" = 'cancelled', "errorMessage" = ${reason}, "finishedAt" = ${now}
      WHERE "messageId" = ${messageId} AND "workspaceId" = ${scopeWorkspaceId()}::uuid AND "status" = 'scheduled'
        AND NOT EXISTS (SELECT 1 FROM "DeliveryClaim" c WHERE c."attemptId" = "Attempt"."id")
      RETURNING "id", "retryOfId"
    ), cleared AS (
      UPDATE "Attempt" SET "nextRetryAt" = NULL WHERE "id" IN (SELECT "retryOfId" FROM cancelled)
    )
    SELECT "id" FROM cancelled`;
  return cancelled.length;
}
