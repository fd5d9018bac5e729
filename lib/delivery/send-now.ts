import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import type { Attempt } from "@/lib/generated/prisma/client";
import type { WebhookForDelivery } from "@/lib/integrations/internal/webhook-for-delivery";
import { alertOnFailure } from "./alerts";
import { deliverAttempt, portalUserAgent } from "./deliver-attempt";
import { buildRequestHeaders } from "./request-headers";
import { startAttempt, type StartAttemptInput } from "./start-attempt";
import { requestOverridesOf, withOverrides } from "./transformed-request";
import { inSendSpan } from "./trace-send";

export type SendNowInput = Omit<StartAttemptInput, "target" | "recordedHeaders"> & { target: WebhookForDelivery };

/**
 * A send that a person is waiting for (trigger, manual retry, test send): signed now with the
 * webhook's current secrets, recorded `pending` before the request leaves, then sent and
 * completed with the outcome, which is returned. Never retried automatically. Returns null when
 * the idempotency key is already taken by another message. While traces are exported it is a
 * `webhook send` span of the request's trace.
 */
export async function sendNow(input: SendNowInput): Promise<Attempt | null> {
  const { message, now } = input;
  // What the message's transformation changed (method, URL, headers) applies to every send of it.
  const target = withOverrides(input.target, requestOverridesOf(message.request));
  if (input.unsent) {
    const recorded = await startAttempt({ ...input, target, recordedHeaders: {} });
    return recorded ? { ...(await db.attempt.findUniqueOrThrow({ where: { id: recorded.id } })), requestBody: recorded.body } : null;
  }
  const ids = { messageId: message.id, eventId: message.eventId, integrationId: message.integrationId, kind: input.kind };
  const attempt = await inSendSpan(
    ids,
    target,
    undefined,
    async (traceparent, span) => {
      const signed = buildRequestHeaders({
        messageId: message.id,
        body: message.body,
        secrets: target.secrets,
        bearerToken: target.bearerToken,
        userAgent: portalUserAgent(),
        now,
        signatureStyle: target.signatureStyle,
        customHeaders: target.customHeaders,
        transformedHeaders: target.transformedHeaders,
        traceparent,
      });
      const pending = await startAttempt({ ...input, target, recordedHeaders: signed.recordedHeaders });
      if (!pending) return null;
      span?.setAttribute("webhook.attempt.id", pending.id);
      return deliverAttempt(pending, {
        url: target.url,
        method: target.method,
        headers: signed.headers,
        redact: target.redact,
        tls: target.tls,
      });
    },
    (a) => a && { ok: a.status === "succeeded", status: a.responseStatus, errorClass: a.errorClass },
  );
  if (!attempt) return null;
  await alertOnFailure(attempt).catch((error: unknown) =>
    logger().error({ err: error, attemptId: attempt.id }, "checking failure alerts failed"),
  );
  return attempt;
}
