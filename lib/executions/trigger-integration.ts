import { authorize, type Ctx } from "@/lib/auth/context";
import { getEvent } from "@/lib/events/get-event";
import { assertId } from "@/lib/ids";
import { sendNow } from "@/lib/delivery/send-now";
import { messageBody } from "@/lib/delivery/message-body";
import { newMessageId } from "@/lib/webhooks/signing";
import { transformForSend } from "@/lib/transformations/transform-for-send";
import { takeWorkspaceAllowance } from "@/lib/workspaces/rate-limit";
import { findReplay, releaseExpiredKey, replayOf } from "./idempotency";
import { takeAllowanceAndLoadTarget } from "./internal/load-target";
import { returnAllowance } from "./rate-limit";
import { idempotencyKey as keySchema, triggerInput, type TriggerInput } from "./schemas";
import { senderOf } from "./sender";
import { toAttemptView, type AttemptView } from "./views";

export interface TriggerResult {
  attempt: AttemptView;
  /** True when an earlier trigger with the same Idempotency-Key is returned instead. */
  replayed: boolean;
}

/**
 * Sends an integration's webhook once: in `default` mode without the event (an empty body for a
 * standard webhook, a short message for chat), in `event` mode with the event's details, in the
 * integration's connector format. The message and its first attempt are committed as `pending` before
 * the request leaves, then completed with the outcome. Never retried automatically.
 */
export async function triggerIntegration({
  ctx,
  integrationId,
  input,
  idempotencyKey,
}: {
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
  const workspaceId = ctx.workspace!.id;

  const sameRequest = { integrationId: id, mode: request.mode, eventId: request.mode === "event" ? request.eventId : null };
  if (key) {
    const earlier = await findReplay(workspaceId, userId, key);
    if (earlier) return { attempt: toAttemptView(replayOf(earlier, sameRequest)), replayed: true };
    await releaseExpiredKey(workspaceId, userId, key);
  }
  // Independent reads in parallel (one round trip of latency): the user's allowance with the
  // integration's webhook, and the event. When both refuse, the first speaks.
  // And the workspace's plan rate for triggers.
  const [loaded, found, allowed] = await Promise.allSettled([
    takeAllowanceAndLoadTarget({ userId, integrationId: id }),
    request.mode === "event" ? getEvent({ ctx, id: request.eventId }) : Promise.resolve(null),
    takeWorkspaceAllowance(ctx.workspace!.id, "trigger"),
  ]);
  const target = valueOf(loaded);
  const event = valueOf(found);
  valueOf(allowed);

  const now = new Date();
  const messageId = newMessageId();
  const base = { integration: target.integration, triggeredBy: ctx.actor, now };
  const built = messageBody(
    target.connectorType,
    event ? { ...base, kind: "event", event } : { ...base, kind: "default", emptyObject: target.config.defaultModeBody === "empty-object" },
  );
  // The integration's transformation reshapes the message (or cancels it, or fails: recorded, not sent).
  const { body, request: transformed, unsent } = await transformForSend(target, { eventType: event?.type ?? null, body: built });
  const sent = await sendNow({
    sender: senderOf(ctx, {
      action: "webhook.triggered",
      after: { integrationId: id, mode: request.mode, eventId: event?.id ?? null, messageId },
    }),
    message: {
      id: messageId,
      integrationId: id,
      integrationName: target.integration.name,
      mode: request.mode,
      eventId: event?.id ?? null,
      body,
      request: transformed,
    },
    newMessage: true,
    kind: "initial",
    unsent,
    target,
    now,
    idempotencyKey: key,
  });
  if (!sent) {
    // A concurrent request with the same key committed first: answer with its attempt. Nothing
    // was sent, so the allowance taken above goes back.
    await returnAllowance(userId);
    const first = await findReplay(workspaceId, userId, key!);
    if (!first) throw new Error("An idempotency key was taken but its message is missing");
    return { attempt: toAttemptView(replayOf(first, sameRequest)), replayed: true };
  }
  return { attempt: toAttemptView(sent), replayed: false };
}

/** The value of a settled promise, or its reason thrown. */
function valueOf<T>(result: PromiseSettledResult<T>): T {
  if (result.status === "rejected") throw result.reason;
  return result.value;
}
