import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { asSystem } from "@/lib/workspaces/scope";

const DAY = 86_400_000;

export interface PurgeReport {
  attempts: number;
  messages: number;
  /** The cutoff of the workspaces without a retention of their plan's own (PORTAL_EXECUTION_RETENTION_DAYS). */
  cutoff: Date;
}

/**
 * Removes attempts older than their workspace's retention period, and the messages left without
 * attempts, in small batches (one short transaction each, so a large backlog never holds long
 * locks), then records one audit entry per workspace that lost anything, in that workspace. The
 * retention is the workspace plan's `historyDays`, or `retentionDays` (PORTAL_EXECUTION_RETENTION_DAYS)
 * when the plan sets none. Safe to run on several instances at once: rows another run is deleting
 * are skipped. System work: it runs across workspaces whatever scope called it.
 */
export async function purgeExpiredExecutions({
  now = new Date(),
  retentionDays = env().PORTAL_EXECUTION_RETENTION_DAYS,
  batchSize = 1000,
}: { now?: Date; retentionDays?: number; batchSize?: number } = {}): Promise<PurgeReport> {
  return asSystem(async () => {
    const report: PurgeReport = { attempts: 0, messages: 0, cutoff: new Date(now.getTime() - retentionDays * DAY) };
    // The workspaces by how long they keep their history: a handful of classes, whatever their number.
    const classes = await db.$queryRaw<{ days: number; workspaceIds: string[] }[]>`
      SELECT COALESCE(p."historyDays", ${retentionDays}::int) AS "days", array_agg(w."id") AS "workspaceIds"
      FROM "Workspace" w JOIN "Plan" p ON p."id" = w."planId"
      GROUP BY 1`;
    for (const { days, workspaceIds } of classes) {
      const cutoff = new Date(now.getTime() - days * DAY);
      const removed = await purgeBefore(workspaceIds, cutoff, batchSize);
      for (const [workspaceId, counts] of removed) {
        report.attempts += counts.attempts;
        report.messages += counts.messages;
        await recordAudit(
          db,
          { actor: null, userAgent: "maintenance job", workspaceId },
          {
            action: "executions.retention_purged",
            after: { attempts: counts.attempts, messages: counts.messages, olderThan: cutoff.toISOString(), retentionDays: days },
          },
        );
      }
    }
    return report;
  });
}

/** Removes the attempts of `workspaceIds` started before `cutoff`, and their messages left without attempts: what each workspace lost. */
async function purgeBefore(workspaceIds: string[], cutoff: Date, batchSize: number) {
  const removed = new Map<string, { attempts: number; messages: number }>();
  const counts = (workspaceId: string) => {
    let c = removed.get(workspaceId);
    if (!c) removed.set(workspaceId, (c = { attempts: 0, messages: 0 }));
    return c;
  };
  for (;;) {
    const gone = await db.$transaction(async (tx) => {
      const attempts = await tx.$queryRaw<{ messageId: string; workspaceId: string }[]>`
        DELETE FROM "Attempt" WHERE id IN (
          SELECT id FROM "Attempt" WHERE "workspaceId" = ANY(${workspaceIds}::uuid[]) AND "startedAt" < ${cutoff} AND "finishedAt" IS NOT NULL
          LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
        ) OR id IN (
          SELECT id FROM "Attempt" WHERE "workspaceId" = ANY(${workspaceIds}::uuid[]) AND "startedAt" < ${cutoff} AND "finishedAt" IS NULL
          LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
        ) RETURNING "messageId", "workspaceId"`;
      const messageIds = [...new Set(attempts.map((g) => g.messageId))];
      const messages =
        messageIds.length === 0
          ? []
          : await tx.$queryRaw<{ workspaceId: string }[]>`
        DELETE FROM "Message" m WHERE m.id = ANY(${messageIds}::text[])
          AND NOT EXISTS (SELECT 1 FROM "Attempt" a WHERE a."messageId" = m.id)
        RETURNING m."workspaceId"`;
      return { attempts, messages };
    });
    for (const a of gone.attempts) counts(a.workspaceId).attempts++;
    for (const m of gone.messages) counts(m.workspaceId).messages++;
    if (gone.attempts.length < batchSize) break;
  }
  return removed;
}
