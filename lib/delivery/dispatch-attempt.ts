import { logger } from "@/lib/log";
import { sql } from "@/lib/db";
import type { Attempt } from "@/lib/generated/prisma/client";
import { toWebhookForDelivery, type DeliveryRow } from "@/lib/integrations/internal/webhook-for-delivery";
import { deliverAttempt, portalUserAgent, reportDelivery } from "./deliver-attempt";
import { alertOnFailure } from "./alerts";
import { applyDeliveryPolicy } from "./on-outcome";
import { backOff, claimWithinLimit, holdForSlot, putOff, takeDeliverySlot } from "./pace";
import { parseRetryAfter } from "@/lib/webhooks/retry-policy";
import { buildRequestHeaders } from "./request-headers";
import type { PendingAttempt } from "./start-attempt";
import { isUntransformed, requestOverridesOf, withOverrides } from "./transformed-request";

export type DispatchOutcome =
  /** Sent; the attempt holds the outcome. */
  | { kind: "sent"; attempt: Attempt }
  /** Not sent, and recorded as skipped with the reason (webhook or subscription disabled, gone). */
  | { kind: "skipped"; reason: string }
  /** Nothing to do: the attempt is not queued (already sent, being sent, or never existed). */
  | { kind: "not_queued" }
  /** Held back by the integration's pace (maxPerSecond, or a 429's back-off) or its maxInFlight until `until`. */
  | { kind: "deferred"; until: Date };

/**
 * Sends one queued (or scheduled: a retry) automatic attempt, as a worker does for each delivery
 * job: loads the attempt with its integration's webhook as it is now, signs at send time, claims
 * the attempt (→ `pending`, so however many workers hold a job for it, one sends), sends through
 * lib/webhooks, records the outcome and applies the subscription's delivery policy to it.
 *
 * A job offered again after its worker died finds the attempt `pending` (it had started sending:
 * the interrupted sweep closes it, nothing is sent twice) or still `queued` (it had not: it is
 * sent now, once).
 */
export async function dispatchAttempt(
  attemptId: string,
  { now = new Date(), slotAt, held = 0 }: { now?: Date; slotAt?: Date; held?: number } = {},
): Promise<DispatchOutcome> {
  const [row] = await sql<NonNullable<DeliveryRow> & QueuedRow>`
    SELECT a."status" AS "attemptStatus", a."messageId", a."requestBody", a."subscriptionId", m."request" AS "messageRequest",
      s."id" AS "subscriptionFound", s."enabled" AS "subscriptionEnabled", p."tat" AS "paceTat",
      i.*, to_jsonb(w) AS "config"
    FROM "Attempt" a
    LEFT JOIN "Message" m ON m."id" = a."messageId"
    LEFT JOIN "Subscription" s ON s."id" = a."subscriptionId"
    LEFT JOIN "Integration" i ON i."id" = a."integrationId"
    LEFT JOIN "WebhookConfig" w ON w."integrationId" = i."id"
    LEFT JOIN "DeliveryRateLimit" p ON p."integrationId" = a."integrationId"
    WHERE a."id" = ${attemptId}::uuid`;
  if (!row || !WAITING.includes(row.attemptStatus)) return { kind: "not_queued" };

  const reason = reasonNotToSend(row);
  if (reason) {
    const [skipped] = await sql<Attempt>`
      UPDATE "Attempt" SET "status" = 'skipped', "errorClass" = 'disabled', "errorMessage" = ${reason}, "finishedAt" = ${now}
      WHERE "id" = ${attemptId}::uuid AND "status" IN ('queued', 'scheduled') RETURNING *`;
    if (!skipped) return { kind: "not_queued" };
    reportDelivery(skipped, "disabled", null);
    return { kind: "skipped", reason };
  }

  const {
    attemptStatus: _s,
    messageId,
    requestBody,
    subscriptionId: _sub,
    subscriptionFound: _f,
    subscriptionEnabled: _e,
    paceTat,
    messageRequest,
    ...integration
  } = row;
  // A transformed message goes where, and how, its transformation said: retries included.
  const target = withOverrides(toWebhookForDelivery(integration as DeliveryRow, now), requestOverridesOf(messageRequest));
  const integrationId = target.integration.id;

  // The integration's pace: a slot reserved when the job was put off counts; otherwise take one.
  const maxPerSecond = target.config.maxPerSecond;
  const reserved = slotAt !== undefined && slotAt.getTime() <= now.getTime() + SLOT_TOLERANCE_MS;
  if (!reserved && (maxPerSecond || (paceTat && paceTat.getTime() > now.getTime()))) {
    const slot = await takeDeliverySlot(integrationId, maxPerSecond, now);
    if (slot.getTime() > now.getTime() + SLOT_TOLERANCE_MS) {
      await putOff({ id: attemptId, integrationId, timeoutSeconds: target.timeoutSeconds }, slot);
      return { kind: "deferred", until: slot };
    }
  }

  const signed = buildRequestHeaders({
    messageId,
    body: requestBody,
    secrets: target.secrets,
    bearerToken: target.bearerToken,
    userAgent: portalUserAgent(),
    now,
    signatureStyle: target.signatureStyle,
    customHeaders: target.customHeaders,
    transformedHeaders: target.transformedHeaders,
  });
  const recordedHeaders = JSON.stringify(signed.recordedHeaders);
  let claimed: PendingAttempt | undefined;
  const maxInFlight = target.config.maxInFlight;
  if (maxInFlight) {
    // At most maxInFlight at once: above it, the delivery waits in the queue and looks again.
    const outcome = await claimWithinLimit(integrationId, maxInFlight, async (tx) => {
      [claimed] = await tx.$queryRaw<PendingAttempt[]>`
        UPDATE "Attempt" SET "status" = 'pending', "sentAt" = ${now}, "requestUrl" = ${target.shownUrl}, "requestMethod" = ${target.method},
          "requestHeaders" = ${recordedHeaders}::jsonb, "timeoutSeconds" = ${target.timeoutSeconds}
        WHERE "id" = ${attemptId}::uuid AND "status" IN ('queued', 'scheduled')
        RETURNING "id", "requestUrl", "requestBody", "timeoutSeconds"`;
      return claimed !== undefined;
    });
    if (outcome === "full")
      return {
        kind: "deferred",
        until: await holdForSlot({ id: attemptId, integrationId, timeoutSeconds: target.timeoutSeconds }, held, now),
      };
  } else {
    [claimed] = await sql<PendingAttempt>`
      UPDATE "Attempt" SET "status" = 'pending', "sentAt" = ${now}, "requestUrl" = ${target.shownUrl}, "requestMethod" = ${target.method},
        "requestHeaders" = ${recordedHeaders}::jsonb, "timeoutSeconds" = ${target.timeoutSeconds}
      WHERE "id" = ${attemptId}::uuid AND "status" IN ('queued', 'scheduled')
      RETURNING "id", "requestUrl", "requestBody", "timeoutSeconds"`;
  }
  if (!claimed) return { kind: "not_queued" };
  const attempt = await deliverAttempt(claimed, { url: target.url, method: target.method, headers: signed.headers, redact: target.redact });
  if (attempt.responseStatus === 429) {
    const headers = (attempt.responseHeaders ?? {}) as Record<string, string>;
    await backOff(integrationId, parseRetryAfter(headers["retry-after"], new Date()), new Date());
  }
  await applyDeliveryPolicy(attempt, new Date());
  await alertOnFailure(attempt).catch((error: unknown) =>
    logger().error({ err: error, attemptId: attempt.id }, "checking failure alerts failed"),
  );
  return { kind: "sent", attempt };
}

/** A slot this close is now: timers and clocks are not more precise than that. */
const SLOT_TOLERANCE_MS = 20;

/** The states of an attempt a worker may still send: queued (first try) or scheduled (a retry). */
const WAITING = ["queued", "scheduled"];

interface QueuedRow {
  attemptStatus: string;
  paceTat: Date | null;
  messageId: string;
  requestBody: string;
  subscriptionId: string | null;
  subscriptionFound: string | null;
  subscriptionEnabled: boolean | null;
  messageRequest: unknown;
}

function reasonNotToSend(row: QueuedRow & { id: string | null; config: unknown }): string | null {
  if (isUntransformed(row.messageRequest))
    return "The transformation failed on or cancelled this message, so it has no request to send; nothing was sent. Retry it by hand once the transformation is fixed.";
  if (!row.id) return "The integration was deleted before this delivery was sent; nothing was sent.";
  if (!row.config) return "The integration's webhook was removed before this delivery was sent; nothing was sent.";
  if (!(row.config as { enabled: boolean }).enabled)
    return "The integration's webhook was disabled before this delivery was sent; nothing was sent.";
  if (row.subscriptionId && !row.subscriptionFound) return "The subscription was deleted before this delivery was sent; nothing was sent.";
  if (row.subscriptionId && !row.subscriptionEnabled)
    return "The subscription was disabled before this delivery was sent; nothing was sent.";
  return null;
}
