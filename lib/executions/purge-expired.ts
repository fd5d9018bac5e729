import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

const DAY = 86_400_000;

export interface PurgeReport {
  attempts: number;
  messages: number;
  cutoff: Date;
}

/**
 * Removes attempts older than the retention period, and the messages left without attempts, in
 * small batches (one short transaction each, so a large backlog never holds long locks), then
 * records one audit entry for the run when anything was removed. Safe to run on several
 * instances at once: rows another run is deleting are skipped.
 */
export async function purgeExpiredExecutions({
  now = new Date(),
  retentionDays = env().PORTAL_EXECUTION_RETENTION_DAYS,
  batchSize = 1000,
}: { now?: Date; retentionDays?: number; batchSize?: number } = {}): Promise<PurgeReport> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY);
  const report: PurgeReport = { attempts: 0, messages: 0, cutoff };
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      const gone = await tx.$queryRaw<{ messageId: string }[]>`
        DELETE FROM "Attempt" WHERE id IN (
          SELECT id FROM "Attempt" WHERE "startedAt" < ${cutoff} AND "finishedAt" IS NOT NULL ORDER BY "startedAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
        ) OR id IN (
          SELECT id FROM "Attempt" WHERE "startedAt" < ${cutoff} AND "finishedAt" IS NULL ORDER BY "startedAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
        ) RETURNING "messageId"`;
      const messageIds = [...new Set(gone.map((g) => g.messageId))];
      const messages =
        messageIds.length === 0
          ? 0
          : await tx.$executeRaw`
        DELETE FROM "Message" m WHERE m.id = ANY(${messageIds}::text[])
          AND NOT EXISTS (SELECT 1 FROM "Attempt" a WHERE a."messageId" = m.id)`;
      return { attempts: gone.length, messages };
    });
    report.attempts += batch.attempts;
    report.messages += batch.messages;
    if (batch.attempts < batchSize) break;
  }
  if (report.attempts + report.messages > 0) {
    await recordAudit(
      db,
      { actor: null, userAgent: "maintenance job" },
      {
        action: "executions.retention_purged",
        after: { attempts: report.attempts, messages: report.messages, olderThan: cutoff.toISOString(), retentionDays },
      },
    );
  }
  return report;
}
