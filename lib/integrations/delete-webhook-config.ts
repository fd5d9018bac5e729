import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { lockWebhookConfig } from "./lock";

/** Removes an integration's webhook configuration with its token and secrets; the integration stays. */
export async function deleteWebhookConfig({ ctx, integrationId }: { ctx: Ctx; integrationId: string }): Promise<void> {
  authorize(ctx, "integrations.manage");
  assertId(integrationId, "Integration");
  await db.$transaction(async (tx) => {
    const { name, config } = await lockWebhookConfig(tx, integrationId);
    await tx.webhookConfig.delete({ where: { integrationId } });
    await recordAudit(tx, ctx, {
      action: "webhook.config_deleted",
      target: { type: "integration", id: integrationId, label: name },
      before: {
        url: config.url,
        enabled: config.enabled,
        timeoutSeconds: config.timeoutSeconds,
        bearerToken: config.bearerTokenEnc ? "set" : "not set",
      },
    });
  });
}
