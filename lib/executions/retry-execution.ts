import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { cancelScheduledRetries } from "@/lib/delivery/cancel-scheduled";
import { sendNow } from "@/lib/delivery/send-now";
import { isUntransformed } from "@/lib/delivery/transformed-request";
import { transformForSend } from "@/lib/transformations/transform-for-send";
import { takeAllowanceAndLoadTarget } from "./internal/load-target";
import { senderOf } from "./sender";
import { toAttemptView, type AttemptView } from "./views";

/**
 * Sends a message again, by hand: a new attempt with the same webhook-id and body, a new
 * timestamp and signature, to the integration's current URL with its current token.
 */
export async function retryExecution({ ctx, attemptId }: { ctx: Ctx; attemptId: string }): Promise<AttemptView> {
  authorize(ctx, "integrations.trigger");
  const earlier = await db.attempt.findUnique({ where: { id: assertId(attemptId, "Execution") }, include: { message: true } });
  if (!earlier) throw notFound("Execution");
  if (["pending", "queued", "scheduled"].includes(earlier.status))
    throw new AppError("conflict", "This attempt is still in progress. Wait for its outcome before retrying.");
  if (!earlier.message.integrationId) {
    throw notFound(`The integration “${earlier.integrationName}” has been deleted, so its webhook`);
  }
  const target = await takeAllowanceAndLoadTarget({ userId: ctx.actor.id, integrationId: earlier.message.integrationId });
  // One delivery chain, never two: automatic retries still scheduled for this message are cancelled.
  await cancelScheduledRetries(earlier.messageId, `Cancelled: ${ctx.actor.email} retried this message by hand.`);
  // A message the transformation failed on or cancelled has only the connector type's body: the
  // transformation (fixed since, perhaps) runs again rather than that body being sent as it is.
  const again = isUntransformed(earlier.message.request)
    ? await transformForSend(target, { eventType: await eventTypeOf(earlier.message.eventId), body: earlier.message.body })
    : null;
  const sent = await sendNow({
    sender: senderOf(ctx, { action: "webhook.retried", after: { retryOf: earlier.id, messageId: earlier.messageId } }),
    message: again ? { ...earlier.message, body: again.body, request: again.request } : earlier.message,
    ownBody: again !== null && again.body !== earlier.message.body,
    unsent: again?.unsent,
    newMessage: false,
    kind: "manual_retry",
    retryOfId: earlier.id,
    target,
    now: new Date(),
  });
  if (!sent) throw new Error("The retry attempt was not recorded");
  return toAttemptView(sent);
}

async function eventTypeOf(eventId: string | null): Promise<string | null> {
  if (!eventId) return null;
  return (await db.event.findUnique({ where: { id: eventId }, select: { type: true } }))?.type ?? null;
}
