import { AppError } from "@/lib/errors";
import { getWebhookForDelivery, type WebhookForDelivery } from "@/lib/integrations/delivery";

/** The integration's webhook as it is now, refusing one that is disabled. */
export async function loadEnabledTarget(integrationId: string): Promise<WebhookForDelivery> {
  const target = await getWebhookForDelivery(integrationId);
  if (!target.enabled) {
    throw new AppError(
      "webhook_disabled",
      `The webhook of “${target.integration.name}” is disabled, so nothing was sent. An admin can enable it on the integration's webhook page.`,
    );
  }
  return target;
}
