import { authorize, type Ctx } from "@/lib/auth/context";
import { assertId } from "@/lib/ids";
import { messageBody } from "@/lib/delivery/message-body";
import { newMessageId } from "@/lib/webhooks/signing";
import { sendNow } from "@/lib/delivery/send-now";
import { transformForSend } from "@/lib/transformations/transform-for-send";
import { takeAllowanceAndLoadWebhook } from "./internal/load-target";
import { senderOf } from "./sender";
import { toAttemptView, type AttemptView } from "./views";

/**
 * Sends a signed test message (`webhook.test` for a standard webhook; "Test from …" in chat) so
 * an admin can check a receiver; it names the workspace it comes from. Allowed while the
 * webhook is disabled too: testing before enabling is the point. Recorded as a test attempt.
 * Takes one of the sender's allowance like a trigger (PORTAL_TRIGGER_RATE_LIMIT).
 */
export async function sendTestWebhook({ ctx, integrationId }: { ctx: Ctx; integrationId: string }): Promise<AttemptView> {
  authorize(ctx, "integrations.manage");
  const target = await takeAllowanceAndLoadWebhook({ userId: ctx.actor.id, integrationId: assertId(integrationId, "Integration") });
  const now = new Date();
  const messageId = newMessageId();
  const built = messageBody(target.connectorType, {
    kind: "test",
    integration: target.integration,
    workspace: ctx.workspace ? { name: ctx.workspace.name, slug: ctx.workspace.slug } : undefined,
    triggeredBy: ctx.actor,
    now,
  });
  const { body, request, unsent } = await transformForSend(target, { eventType: null, body: built });
  const sent = await sendNow({
    sender: senderOf(ctx, { action: "webhook.test_sent", after: { integrationId: target.integration.id, messageId } }),
    message: {
      id: messageId,
      integrationId: target.integration.id,
      integrationName: target.integration.name,
      mode: "test",
      eventId: null,
      body,
      request,
    },
    newMessage: true,
    kind: "test",
    unsent,
    target,
    now,
  });
  if (!sent) throw new Error("The test attempt was not recorded");
  return toAttemptView(sent);
}
