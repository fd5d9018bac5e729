import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { assertId } from "@/lib/ids";
import { getWebhookForDelivery } from "@/lib/integrations/delivery";
import { buildTestEnvelope } from "@/lib/webhooks/payload";
import { newMessageId } from "@/lib/webhooks/signing";
import { deliverAttempt, portalUserAgent } from "./deliver-attempt";
import { buildRequestHeaders } from "./request-headers";
import { startAttempt } from "./start-attempt";
import { toAttemptView, type AttemptView } from "./views";

/**
 * Sends a signed `webhook.test` message so an admin can check a receiver. Allowed while the
 * webhook is disabled too: testing before enabling is the point. Recorded as a test attempt.
 */
export async function sendTestWebhook({ ctx, integrationId }: { ctx: Ctx; integrationId: string }): Promise<AttemptView> {
  authorize(ctx, "integrations.manage");
  const target = await getWebhookForDelivery(assertId(integrationId, "Integration"));
  const now = new Date();
  const messageId = newMessageId();
  const body = buildTestEnvelope({ portalName: env().PORTAL_NAME, integration: target.integration, triggeredBy: ctx.actor, now });
  const signed = buildRequestHeaders({ messageId, body, secrets: target.secrets, bearerToken: target.bearerToken, userAgent: portalUserAgent(), now });

  const pending = await db.$transaction(async (tx) => {
    const message = await tx.message.create({
      data: { id: messageId, integrationId: target.integration.id, integrationName: target.integration.name, mode: "test", body, createdById: ctx.actor.id, createdAt: now },
    });
    const attempt = await startAttempt(tx, ctx, { message, kind: "test", target, recordedHeaders: signed.recordedHeaders, now });
    await recordAudit(tx, ctx, {
      action: "webhook.test_sent",
      target: { type: "execution", id: attempt.id, label: target.integration.name },
      after: { integrationId: target.integration.id, messageId },
    });
    return attempt;
  });
  return toAttemptView(await deliverAttempt(pending, signed.headers));
}
