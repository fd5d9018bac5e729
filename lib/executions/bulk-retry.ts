import { recordAudit } from "@/lib/audit";
import { authorize, tokenLabel, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { cancelScheduledRetries } from "@/lib/delivery/cancel-scheduled";
import { uuidv7 } from "@/lib/ids";
import { deliveriesJobs, enqueueInTransaction, QUEUES } from "@/lib/jobs/queue";
import { bulkRetryInput, MAX_BULK_RETRY, type BulkRetryInput } from "./schemas";
import { attemptWhere, finished } from "./where";

/**
 * Retries many executions at once, by hand: for each chosen message whose latest attempt failed or
 * was interrupted, a manual retry is queued (same webhook-id and body, signed when sent) and sent by
 * the workers; the list shows each one go from queued to its outcome, and `attemptIds` (the new
 * attempts) lets the caller follow them (getRetryProgress). At most 1,000 at a time;
 * messages of deleted integrations, and messages already being sent again, are left out.
 */
export async function bulkRetry({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: BulkRetryInput;
}): Promise<{ queued: number; matched: number; attemptIds: string[] }> {
  authorize(ctx, "integrations.trigger");
  const request = bulkRetryInput.parse(input);
  const where = request.ids ? { id: { in: request.ids } } : attemptWhere(request.filters!, null);
  const chosen = await db.attempt.findMany({
    where: { AND: [where, finished, { status: { in: ["failed", "interrupted"] }, integrationId: { not: null } }] },
    select: { messageId: true },
    distinct: ["messageId"],
    orderBy: { messageId: "asc" },
    take: MAX_BULK_RETRY,
  });
  const messageIds = chosen.map((c) => c.messageId);
  if (messageIds.length === 0) return { queued: 0, matched: 0, attemptIds: [] };

  const workspaceId = ctx.workspace!.id;
  const queued = await db.$transaction(async (tx) => {
    await tx.$queryRaw`
      SELECT 1 FROM "Message" WHERE "id" = ANY(${messageIds}::text[]) AND "workspaceId" = ${workspaceId}::uuid ORDER BY "id" FOR UPDATE`;
    const latest = await tx.$queryRaw<{ id: string; messageId: string; status: string; integrationId: string; timeoutSeconds: number }[]>`
      SELECT DISTINCT ON ("messageId") "id", "messageId", "status", "integrationId", "timeoutSeconds"
      FROM "Attempt" WHERE "messageId" = ANY(${messageIds}::text[]) AND "workspaceId" = ${workspaceId}::uuid
      ORDER BY "messageId", "startedAt" DESC, "retryNumber" DESC`;
    const due = latest.filter((l) => (l.status === "failed" || l.status === "interrupted") && l.integrationId);
    if (due.length === 0) return [];
    const now = new Date();
    const rows = due.map((l) => ({
      id: uuidv7(now.getTime()),
      retryOfId: l.id,
      integrationId: l.integrationId,
      timeoutSeconds: l.timeoutSeconds,
    }));
    await tx.$executeRaw`
      INSERT INTO "Attempt" ("id", "workspaceId", "messageId", "integrationId", "integrationName", "mode", "eventId", "kind", "retryOfId",
        "triggeredById", "triggeredByEmail", "triggeredByToken", "status", "timeoutSeconds", "requestMethod", "requestUrl", "requestHeaders", "startedAt", "dueAt", "requestId")
      SELECT r."id", ${workspaceId}::uuid, p."messageId", p."integrationId", p."integrationName", p."mode", p."eventId", 'manual_retry', p."id",
        ${ctx.actor.id}::uuid, ${ctx.actor.email}, ${ctx.token ? JSON.stringify(tokenLabel(ctx)) : null}::jsonb, 'queued', p."timeoutSeconds", 'POST', p."requestUrl", '{}'::jsonb, ${now}, ${now}, ${ctx.requestId ?? null}::text
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r ("id" uuid, "retryOfId" uuid)
      JOIN "Attempt" p ON p."id" = r."retryOfId" AND p."workspaceId" = ${workspaceId}::uuid`;
    await enqueueInTransaction(
      tx,
      QUEUES.delivery,
      deliveriesJobs(rows.map((r) => ({ attemptId: r.id, timeoutSeconds: r.timeoutSeconds }))),
    );
    await recordAudit(tx, ctx, {
      action: "webhook.bulk_retried",
      after: { queued: rows.length, by: request.ids ? "selection" : "filters", ...(request.filters && { filters: request.filters }) },
    });
    return rows.map((r) => r.id);
  });
  // One delivery chain per message: automatic retries still scheduled are cancelled.
  for (const id of messageIds) await cancelScheduledRetries(id, `Cancelled: ${ctx.actor.email} retried this message by hand.`);
  return { queued: queued.length, matched: messageIds.length, attemptIds: queued };
}
