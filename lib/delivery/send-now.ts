import type { Attempt } from "@/lib/generated/prisma/client";
import type { WebhookForDelivery } from "@/lib/integrations/internal/webhook-for-delivery";
import { deliverAttempt, portalUserAgent } from "./deliver-attempt";
import { buildRequestHeaders } from "./request-headers";
import { startAttempt, type StartAttemptInput } from "./start-attempt";

export type SendNowInput = Omit<StartAttemptInput, "target" | "recordedHeaders"> & { target: WebhookForDelivery };

/**
 * A send that a person is waiting for (trigger, manual retry, test send): signed now with the
 * webhook's current secrets, recorded `pending` before the request leaves, then sent and
 * completed with the outcome, which is returned. Never retried automatically. Returns null when
 * the idempotency key is already taken by another message.
 */
export async function sendNow(input: SendNowInput): Promise<Attempt | null> {
  const { target, message, now } = input;
  const signed = buildRequestHeaders({
    messageId: message.id,
    body: message.body,
    secrets: target.secrets,
    bearerToken: target.bearerToken,
    userAgent: portalUserAgent(),
    now,
  });
  const pending = await startAttempt({ ...input, recordedHeaders: signed.recordedHeaders });
  if (!pending) return null;
  return deliverAttempt(pending, signed.headers);
}
