import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { lockWebhookConfig } from "./lock";
import { previousSecretActive } from "./views";

/**
 * The signing secret in clear, so an admin can set it up at the receiver to verify signatures;
 * during a rotation also the previous one. Every reveal is audited.
 */
export async function revealSigningSecret({
  ctx,
  integrationId,
}: {
  ctx: Ctx;
  integrationId: string;
}): Promise<{ secret: string; previousSecret?: string }> {
  authorize(ctx, "integrations.manage");
  assertId(integrationId, "Integration");
  return db.$transaction(async (tx) => {
    const { name, config } = await lockWebhookConfig(tx, integrationId);
    await recordAudit(tx, ctx, { action: "webhook.secret_revealed", target: { type: "integration", id: integrationId, label: name } });
    const secret = decryptSecret(config.signingSecretEnc);
    return previousSecretActive(config, new Date()) ? { secret, previousSecret: decryptSecret(config.previousSecretEnc) } : { secret };
  });
}
