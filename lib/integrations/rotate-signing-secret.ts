import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { generateSigningSecret } from "@/lib/webhooks/signing";
import { lockWebhookConfig } from "./lock";
import { toWebhookConfigView, type WebhookConfigView } from "./views";

/** How long the replaced secret keeps signing, so receivers can switch without losing messages. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Generates a new signing secret. The current one becomes the previous secret and keeps signing
 * for 24 hours; a previous secret from an earlier rotation is dropped.
 */
export async function rotateSigningSecret({ ctx, integrationId }: { ctx: Ctx; integrationId: string }): Promise<WebhookConfigView> {
  authorize(ctx, "integrations.manage");
  assertId(integrationId, "Integration");
  return db.$transaction(async (tx) => {
    const { name, config } = await lockWebhookConfig(tx, integrationId);
    const now = new Date();
    const previousSecretExpiresAt = new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS);
    const after = await tx.webhookConfig.update({
      where: { integrationId },
      data: {
        signingSecretEnc: encryptSecret(generateSigningSecret()),
        previousSecretEnc: config.signingSecretEnc,
        previousSecretExpiresAt,
        updatedById: ctx.actor.id,
      },
    });
    await recordAudit(tx, ctx, {
      action: "webhook.secret_rotated",
      target: { type: "integration", id: integrationId, label: name },
      after: { signingSecret: "rotated", previousSecretExpiresAt },
    });
    return toWebhookConfigView(after, now);
  });
}
