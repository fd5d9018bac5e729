import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { cancelScheduledRetries } from "@/lib/delivery/cancel-scheduled";
import { notFound } from "@/lib/errors";
import { assertId } from "@/lib/ids";

/** Cancels the automatic retries scheduled for an execution's message; says how many there were. */
export async function cancelRetries({ ctx, attemptId }: { ctx: Ctx; attemptId: string }): Promise<{ cancelled: number }> {
  authorize(ctx, "integrations.trigger");
  const attempt = await db.attempt.findUnique({
    where: { id: assertId(attemptId, "Execution") },
    select: { id: true, messageId: true, integrationName: true },
  });
  if (!attempt) throw notFound("Execution");
  const cancelled = await cancelScheduledRetries(attempt.messageId, `Automatic retry cancelled by ${ctx.actor.email}.`);
  if (cancelled > 0) {
    await recordAudit(db, ctx, {
      action: "webhook.retries_cancelled",
      target: { type: "execution", id: attempt.id, label: attempt.integrationName },
      after: { messageId: attempt.messageId, cancelled },
    });
  }
  return { cancelled };
}
