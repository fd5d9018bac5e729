import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { integrationNotFound, webhookNotConfigured } from "./errors";
import { toWebhookConfigView, type WebhookConfigView } from "./views";

/** An integration's webhook configuration, without secrets; not found when it has none. */
export async function getWebhookConfig({ ctx, integrationId }: { ctx: Ctx; integrationId: string }): Promise<WebhookConfigView> {
  authorize(ctx, "portal.read");
  assertId(integrationId, "Integration");
  const integration = await db.integration.findUnique({ where: { id: integrationId }, select: { webhook: true } });
  if (!integration) throw integrationNotFound();
  if (!integration.webhook) throw webhookNotConfigured();
  return toWebhookConfigView(integration.webhook);
}
