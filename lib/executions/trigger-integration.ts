import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { getEvent } from "@/lib/events/get-event";
import { assertId } from "@/lib/ids";
import { buildEventEnvelope, EMPTY_BODY } from "@/lib/webhooks/payload";
import { newMessageId } from "@/lib/webhooks/signing";
import { deliverAttempt, portalUserAgent } from "./deliver-attempt";
import { claimKey, findReplay } from "./idempotency";
import { loadEnabledTarget } from "./load-target";
import { assertWithinRateLimit } from "./rate-limit";
import { buildRequestHeaders } from "./request-headers";
import { startAttempt } from "./start-attempt";
import { idempotencyKey as keySchema, triggerInput, type TriggerInput } from "./schemas";
import { toAttemptView, type AttemptView } from "./views";

export interface TriggerResult {
  attempt: AttemptView;
  /** True when an earlier trigger with the same Idempotency-Key is returned instead. */
  replayed: boolean;
}

/**
 * Sends an integration's webhook once: in `default` mode with an empty body, in `event` mode
 * with the event's details. The message and its first attempt are committed as `pending` before
 * the request leaves, then completed with the outcome. Never retried automatically.
 */
export async function triggerIntegration({ ctx, integrationId, input, idempotencyKey }: {
  ctx: Ctx;
  integrationId: string;
  input: TriggerInput;
  idempotencyKey?: string | null;
}): Promise<TriggerResult> {
  authorize(ctx, "integrations.trigger");
  const id = assertId(integrationId, "Integration");
  const request = triggerInput.parse(input);
  const key = idempotencyKey ? keySchema.parse(idempotencyKey) : null;
  const userId = ctx.actor.id;

  const earlier = key ? await findReplay(userId, key) : null;
  if (earlier) return { attempt: toAttemptView(earlier), replayed: true };
  await assertWithinRateLimit(userId);

  const target = await loadEnabledTarget(id);
  const event = request.mode === "event" ? await getEvent({ ctx, id: request.eventId }) : null;
  const now = new Date();
  const messageId = newMessageId();
  const body = event ? buildEventEnvelope({ event, triggeredBy: ctx.actor, now }) : EMPTY_BODY;
  const signed = buildRequestHeaders({ messageId, body, secrets: target.secrets, bearerToken: target.bearerToken, userAgent: portalUserAgent(), now });

  const pending = await db.$transaction(async (tx) => {
    if (key && !(await claimKey(tx, userId, key, messageId, now))) return null;
    const message = await tx.message.create({
      data: { id: messageId, integrationId: id, integrationName: target.integration.name, mode: request.mode, eventId: event?.id, body, createdById: userId, createdAt: now },
    });
    const attempt = await startAttempt(tx, ctx, { message, kind: "initial", target, recordedHeaders: signed.recordedHeaders, now });
    await recordAudit(tx, ctx, {
      action: "webhook.triggered",
      target: { type: "execution", id: attempt.id, label: target.integration.name },
      after: { integrationId: id, mode: request.mode, eventId: event?.id ?? null, messageId },
    });
    return attempt;
  });

  if (!pending) {
    // Another request with the same key committed first: return its attempt.
    const first = await findReplay(userId, key!);
    if (first) return { attempt: toAttemptView(first), replayed: true };
    throw new Error("Idempotency key was claimed but its message is missing");
  }
  return { attempt: toAttemptView(await deliverAttempt(pending, signed.headers)), replayed: false };
}
