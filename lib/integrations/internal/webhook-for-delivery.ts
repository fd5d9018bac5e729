/**
 * Internal: the webhook with its secrets decrypted (bearer token, signing secrets), for the send
 * side only (lib/delivery and the verbs that have authorized their caller already). It checks no
 * permission. Nothing under app/ or components/ may import an internal module
 * (.dependency-cruiser.cjs), and nothing it returns may reach an answer or a log.
 */
import { decryptSecret } from "@/lib/crypto";
import { sql } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Integration, WebhookConfig } from "@/lib/generated/prisma/client";
import { assertId } from "@/lib/ids";
import { integrationNotFound } from "../errors";
import { previousSecretActive, toIntegrationView, type IntegrationView } from "../views";

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
  // One round trip (a trigger reads the same row together with the rate limit: load-target.ts).
  const [row] = await sql<DeliveryRow>`
    SELECT i.*, to_jsonb(w) AS "config"
    FROM "Integration" i LEFT JOIN "WebhookConfig" w ON w."integrationId" = i."id"
    WHERE i."id" = ${assertId(integrationId, "Integration")}::uuid`;
  return toWebhookForDelivery(row, now);
}

/** An integration row with its webhook configuration as JSON (`to_jsonb`), or none at all. */
export type DeliveryRow = (Integration & { config: WebhookConfig | null }) | undefined;

/** Decrypts a row read as above into a WebhookForDelivery; throws for a missing integration or configuration. */
export function toWebhookForDelivery(row: DeliveryRow, now: Date = new Date()): WebhookForDelivery {
  if (!row?.id) throw integrationNotFound();
  const { config: json, ...integration } = row;
  if (!json) throw new AppError("webhook_not_configured", `“${integration.name}” has no webhook configured yet. An admin can configure it on the integration's page.`);
  const config = { ...json, previousSecretExpiresAt: json.previousSecretExpiresAt ? new Date(json.previousSecretExpiresAt) : null };
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
