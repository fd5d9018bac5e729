import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import type { RecoveryRun } from "@/lib/generated/prisma/client";
import { uuidv7 } from "@/lib/ids";
import { deliveriesJobs, enqueueInTransaction, QUEUES } from "@/lib/jobs/queue";
import { inWorkspace } from "@/lib/workspaces/scope";

/** At most this many deliveries are sent again by one recover. */
export const RECOVERY_CAP = 10_000;
const BATCH = 200;

interface Candidate {
  messageId: string;
  lastId: string;
  lastRetryNumber: number;
}

/**
 * Runs a recover (the job of the `recovery` queue): finds the integration's automatic messages in
 * the run's time range whose latest attempt ended in one of its statuses, and queues one new
 * attempt of each (same message: same webhook-id and body), in batches, recording progress.
 * Idempotent: a message queued again by this or another run has a newer attempt that is not
 * failed, so it is not taken twice — each batch locks its messages and checks again.
 * It acts in its integration's workspace: what it reads and writes is that workspace's.
 */
export async function runRecovery(runId: string): Promise<void> {
  const found = await db.recoveryRun.findUnique({ where: { id: runId }, include: { integration: { select: { workspaceId: true } } } });
  if (!found || !["queued", "running"].includes(found.state)) return;
  const { integration, ...run } = found;
  await inWorkspace(integration.workspaceId, () => recover(run, integration.workspaceId));
}

async function recover(run: RecoveryRun, workspaceId: string): Promise<void> {
  const runId = run.id;
  await db.recoveryRun.update({ where: { id: runId }, data: { state: "running" } });
  try {
    const candidates = await db.$queryRaw<Candidate[]>`
      SELECT DISTINCT ON (a."messageId") a."messageId", a."id" AS "lastId", a."retryNumber" AS "lastRetryNumber", a."status"
      FROM "Attempt" a
      WHERE a."workspaceId" = ${workspaceId}::uuid AND a."integrationId" = ${run.integrationId}::uuid AND a."kind" = 'automatic'
        AND a."messageId" IN (
          SELECT f."messageId" FROM "Attempt" f
          WHERE f."workspaceId" = ${workspaceId}::uuid AND f."integrationId" = ${run.integrationId}::uuid AND f."kind" = 'automatic' AND f."retryNumber" = 0
            -- a first attempt still in flight has no later attempt yet: its message is not due
            AND f."finishedAt" IS NOT NULL
            AND f."startedAt" >= ${run.since} AND (${run.until}::timestamp IS NULL OR f."startedAt" < ${run.until}::timestamp))
      ORDER BY a."messageId", a."startedAt" DESC, a."retryNumber" DESC`.then((rows) =>
      (rows as (Candidate & { status: string })[]).filter((r) => run.statuses.includes(r.status)).slice(0, RECOVERY_CAP),
    );
    await db.recoveryRun.update({ where: { id: runId }, data: { matched: candidates.length } });

    let processed = 0;
    let requeued = 0;
    for (let i = 0; i < candidates.length; i += BATCH) {
      const current = await db.recoveryRun.findUniqueOrThrow({ where: { id: runId }, select: { cancelRequested: true } });
      if (current.cancelRequested) return await finish(runId, "cancelled", processed, requeued);
      const batch = candidates.slice(i, i + BATCH);
      requeued += await requeueBatch(workspaceId, batch, run.statuses);
      processed += batch.length;
      await db.recoveryRun.update({ where: { id: runId }, data: { processed, requeued } });
    }
    await finish(runId, "completed", processed, requeued);
  } catch (error) {
    await db.recoveryRun.update({
      where: { id: runId },
      data: { state: "failed", error: (error as Error).message.slice(0, 500), finishedAt: new Date() },
    });
    throw error;
  }
}

async function requeueBatch(workspaceId: string, batch: Candidate[], statuses: string[]): Promise<number> {
  return db.$transaction(async (tx) => {
    const ids = batch.map((c) => c.messageId);
    // One recover at a time per message: whoever locks it first queues it; the other finds it queued.
    await tx.$queryRaw`SELECT 1 FROM "Message" WHERE "id" = ANY(${ids}::text[]) AND "workspaceId" = ${workspaceId}::uuid ORDER BY "id" FOR UPDATE`;
    const latest = await tx.$queryRaw<
      { messageId: string; id: string; status: string; retryNumber: number; timeoutSeconds: number; integrationId: string }[]
    >`
      SELECT DISTINCT ON ("messageId") "messageId", "id", "status", "retryNumber", "timeoutSeconds", "integrationId"
      FROM "Attempt" WHERE "messageId" = ANY(${ids}::text[]) AND "workspaceId" = ${workspaceId}::uuid
      ORDER BY "messageId", "startedAt" DESC, "retryNumber" DESC`;
    const due = latest.filter((l) => statuses.includes(l.status));
    if (due.length === 0) return 0;
    const now = new Date();
    const rows = due.map((l) => ({
      id: uuidv7(now.getTime()),
      retryOfId: l.id,
      retryNumber: l.retryNumber + 1,
      timeoutSeconds: l.timeoutSeconds,
      integrationId: l.integrationId,
    }));
    await tx.$executeRaw`
      INSERT INTO "Attempt" ("id", "workspaceId", "messageId", "integrationId", "integrationName", "mode", "eventId", "kind", "subscriptionId",
        "retryOfId", "retryNumber", "status", "timeoutSeconds", "requestMethod", "requestUrl", "requestHeaders", "startedAt", "dueAt")
      SELECT r."id", p."workspaceId", p."messageId", p."integrationId", p."integrationName", p."mode", p."eventId", 'automatic', p."subscriptionId", p."id",
        r."retryNumber", 'queued', p."timeoutSeconds", 'POST', p."requestUrl", '{}'::jsonb, ${now}, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r ("id" uuid, "retryOfId" uuid, "retryNumber" int, "timeoutSeconds" int)
      JOIN "Attempt" p ON p."id" = r."retryOfId" AND p."workspaceId" = ${workspaceId}::uuid`;
    await enqueueInTransaction(
      tx,
      QUEUES.delivery,
      deliveriesJobs(rows.map((r) => ({ attemptId: r.id, timeoutSeconds: r.timeoutSeconds }))),
    );
    return rows.length;
  });
}

async function finish(runId: string, state: "completed" | "cancelled", processed: number, requeued: number) {
  await db.$transaction(async (tx) => {
    const run = await tx.recoveryRun.update({
      where: { id: runId },
      data: { state, processed, requeued, finishedAt: new Date() },
      include: { integration: { select: { name: true } } },
    });
    await recordAudit(
      tx,
      { actor: run.createdById ? { id: run.createdById, email: run.createdByEmail ?? "" } : null, userAgent: "recovery job" },
      {
        action: state === "completed" ? "integration.recovery_completed" : "integration.recovery_cancelled",
        target: { type: "integration", id: run.integrationId, label: run.integration.name },
        after: {
          recoveryId: run.id,
          since: run.since,
          until: run.until,
          statuses: run.statuses,
          matched: run.matched,
          processed,
          requeued,
        },
      },
    );
  });
}
