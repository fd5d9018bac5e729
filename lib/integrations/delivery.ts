import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { WebhookConfig } from "@/lib/generated/prisma/client";
import { assertId } from "@/lib/ids";
import { integrationNotFound } from "./errors";
import { previousSecretActive, toIntegrationView, type IntegrationView } from "./views";

type SecretColumns = Pick<WebhookConfig, "signingSecretEnc" | "previousSecretEnc" | "previousSecretExpiresAt">;

/** The secrets that sign a message sent at `now`: the current one, and the previous one until it expires. */
export function signingSecretsFor(config: SecretColumns, now: Date = new Date()): string[] {
  const current = decryptSecret(config.signingSecretEnc);
  return previousSecretActive(config, now) ? [current, decryptSecret(config.previousSecretEnc)] : [current];
}

export interface WebhookForDelivery {
  integration: IntegrationView;
  config: WebhookConfig;
  url: string;
  bearerToken: string | null;
  secrets: string[];
  timeoutSeconds: number;
  enabled: boolean;
}

/**
 * Everything the execution engine needs to send to an integration's webhook, secrets decrypted.
 * It does not authorize: the caller has. Throws not found for an unknown integration and a
 * conflict when it has no webhook configuration; a disabled one is returned with enabled false.
 */
export async function getWebhookForDelivery(integrationId: string, now: Date = new Date()): Promise<WebhookForDelivery> {
  assertId(integrationId, "Integration");
  const found = await db.integration.findUnique({ where: { id: integrationId }, include: { webhook: true } });
  if (!found) throw integrationNotFound();
  const { webhook: config, ...integration } = found;
  if (!config) throw new AppError("webhook_not_configured", `“${integration.name}” has no webhook configured yet. An admin can configure it on the integration's page.`);
  return {
    integration: toIntegrationView(integration),
    config,
    url: config.url,
    bearerToken: config.bearerTokenEnc ? decryptSecret(config.bearerTokenEnc) : null,
    secrets: signingSecretsFor(config, now),
    timeoutSeconds: config.timeoutSeconds,
    enabled: config.enabled,
  };
}
