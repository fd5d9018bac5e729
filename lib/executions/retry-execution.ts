import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { deliverAttempt, portalUserAgent } from "@/lib/delivery/deliver-attempt";
import { takeAllowanceAndLoadTarget } from "./load-target";
import { buildRequestHeaders } from "@/lib/delivery/request-headers";
import { startAttempt } from "@/lib/delivery/start-attempt";
import { toAttemptView, type AttemptView } from "./views";

/**
 * Sends a message again, by hand: a new attempt with the same webhook-id and body, a new
 * timestamp and signature, to the integration's current URL with its current token.
 */
export async function retryExecution({ ctx, attemptId }: { ctx: Ctx; attemptId: string }): Promise<AttemptView> {
  authorize(ctx, "integrations.trigger");
  const earlier = await db.attempt.findUnique({ where: { id: assertId(attemptId, "Execution") }, include: { message: true } });
  if (!earlier) throw notFound("Execution");
  if (earlier.status === "pending") throw new AppError("conflict", "This attempt is still in progress. Wait for its outcome before retrying.");
  if (!earlier.message.integrationId) {
    throw notFound(`The integration “${earlier.integrationName}” has been deleted, so its webhook`);
  }
  const target = await takeAllowanceAndLoadTarget({ userId: ctx.actor.id, integrationId: earlier.message.integrationId });
  const now = new Date();
  const signed = buildRequestHeaders({
    messageId: earlier.messageId,
    body: earlier.message.body,
    secrets: target.secrets,
    bearerToken: target.bearerToken,
    userAgent: portalUserAgent(),
    now,
  });
  const pending = await startAttempt({
    ctx,
    message: earlier.message,
    newMessage: false,
    kind: "manual_retry",
    retryOfId: earlier.id,
    target,
    recordedHeaders: signed.recordedHeaders,
    now,
    audit: { action: "webhook.retried", after: { retryOf: earlier.id, messageId: earlier.messageId } },
  });
  if (!pending) throw new Error("The retry attempt was not recorded");
  return toAttemptView(await deliverAttempt(pending, signed.headers));
}
