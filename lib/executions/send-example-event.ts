import { authorize, type Ctx } from "@/lib/auth/context";
import { messageBody } from "@/lib/delivery/message-body";
import { sendNow } from "@/lib/delivery/send-now";
import { notFound } from "@/lib/errors";
import { exampleEventOf } from "@/lib/event-types/get-catalog";
import { sendExampleInput, type SendExampleInput } from "@/lib/event-types/schemas";
import { newMessageId } from "@/lib/webhooks/signing";
import { takeAllowanceAndLoadWebhook } from "./internal/load-target";
import { senderOf } from "./sender";
import { toAttemptView, type AttemptView } from "./views";

/**
 * Sends an event type's catalog example to an integration, in its connector format, signed like
 * any delivery: a receiver can be built and checked before the first real event of the type.
 * Recorded as a test attempt (no event is stored), and takes one of the sender's allowance like a
 * test send (PORTAL_TRIGGER_RATE_LIMIT). Allowed while the webhook is disabled, like a test.
 */
export async function sendExampleEvent({ ctx, name, input }: { ctx: Ctx; name: string; input: SendExampleInput }): Promise<AttemptView> {
  authorize(ctx, "integrations.manage");
  const { integrationId } = sendExampleInput.parse(input);
  const event = await exampleEventOf(name);
  if (!event) throw notFound("Event type");
  const target = await takeAllowanceAndLoadWebhook({ userId: ctx.actor.id, integrationId });
  const now = new Date();
  const messageId = newMessageId();
  const body = messageBody(target.connectorType, {
    kind: "event",
    event: { ...event, occurredAt: now },
    integration: target.integration,
    triggeredBy: ctx.actor,
    now,
  });
  const sent = await sendNow({
    sender: senderOf(ctx, {
      action: "event_type.example_sent",
      after: { integrationId: target.integration.id, messageId, eventType: event.type },
    }),
    message: {
      id: messageId,
      integrationId: target.integration.id,
      integrationName: target.integration.name,
      mode: "test",
      eventId: null,
      body,
    },
    newMessage: true,
    kind: "test",
    target,
    now,
  });
  if (!sent) throw new Error("The example attempt was not recorded");
  return toAttemptView(sent);
}
