import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { RecoveryRun } from "@/lib/generated/prisma/client";
import { assertId } from "@/lib/ids";
import { integrationNotFound } from "@/lib/integrations/errors";
import { enqueueInTransaction, QUEUES } from "@/lib/jobs/queue";
import { recoverInput, type RecoverInput } from "./schemas";

export type RecoveryView = Omit<RecoveryRun, "createdById" | "createdByEmail" | "cancelRequested"> & {
  createdBy: string | null;
  cancelRequested: boolean;
};

const toView = ({ createdById: _id, createdByEmail, ...run }: RecoveryRun): RecoveryView => ({ ...run, createdBy: createdByEmail });

/**
 * Starts a recover of an integration (as Svix's "recover failed messages"): a background job
 * sends again every automatic delivery since `since` whose last attempt failed, was interrupted
 * or skipped, at most 10,000; progress is kept on the run. Answers the run at once.
 */
export async function startRecovery({
  ctx,
  integrationId,
  input,
}: {
  ctx: Ctx;
  integrationId: string;
  input: RecoverInput;
}): Promise<RecoveryView> {
  authorize(ctx, "integrations.trigger");
  const id = assertId(integrationId, "Integration");
  const data = recoverInput.parse(input);
  return db.$transaction(async (tx) => {
    const integration = await tx.integration.findUnique({ where: { id }, select: { name: true } });
    if (!integration) throw integrationNotFound();
    const run = await tx.recoveryRun.create({
      data: {
        integrationId: id,
        since: data.since,
        until: data.until ?? null,
        statuses: data.statuses,
        state: "queued",
        createdById: ctx.actor.id,
        createdByEmail: ctx.actor.email,
      },
    });
    // The job commits with the run: a run never waits for a job that does not exist.
    await enqueueInTransaction(tx, QUEUES.recovery, [{ data: { runId: run.id } }]);
    await recordAudit(tx, ctx, {
      action: "integration.recovery_started",
      target: { type: "integration", id, label: integration.name },
      after: { recoveryId: run.id, since: data.since, until: data.until ?? null, statuses: data.statuses },
    });
    return toView(run);
  });
}

export async function getRecovery({ ctx, id }: { ctx: Ctx; id: string }): Promise<RecoveryView> {
  authorize(ctx, "portal.read");
  const run = await db.recoveryRun.findUnique({ where: { id: assertId(id, "Recovery") } });
  if (!run) throw notFound("Recovery");
  return toView(run);
}

/** The latest recovers of an integration, newest first. */
export async function listRecoveries({ ctx, integrationId }: { ctx: Ctx; integrationId: string }): Promise<{ data: RecoveryView[] }> {
  authorize(ctx, "portal.read");
  const id = assertId(integrationId, "Integration");
  // An integration of another workspace (or none) is not found, rather than an empty list.
  const [integration, runs] = await Promise.all([
    db.integration.findUnique({ where: { id }, select: { id: true } }),
    db.recoveryRun.findMany({ where: { integrationId: id }, orderBy: { createdAt: "desc" }, take: 5 }),
  ]);
  if (!integration) throw integrationNotFound();
  return { data: runs.map(toView) };
}

/** Asks a running recover to stop after its current batch; what it queued already is sent. */
export async function cancelRecovery({ ctx, id }: { ctx: Ctx; id: string }): Promise<RecoveryView> {
  authorize(ctx, "integrations.trigger");
  const run = await db.recoveryRun.findUnique({ where: { id: assertId(id, "Recovery") } });
  if (!run) throw notFound("Recovery");
  if (!["queued", "running"].includes(run.state)) return toView(run);
  const updated = await db.recoveryRun.update({
    where: { id: run.id },
    data: run.state === "queued" ? { cancelRequested: true, state: "cancelled", finishedAt: new Date() } : { cancelRequested: true },
  });
  return toView(updated);
}
