import { decryptSecret, encryptSecret } from "@/lib/crypto";
import type { Tx } from "@/lib/db";
import type { WebhookConfig } from "@/lib/generated/prisma/client";
import { CONNECTOR_TYPE_INFO, type ConnectorType } from "@/lib/webhooks/connector-types";
import type { CustomHeader } from "@/lib/webhooks/custom-headers";
import { maskSecretUrl } from "@/lib/webhooks/secret-url";

/*
 * Webhook secrets other than the signing secret and the bearer token: a URL that carries the
 * receiver's secret, and custom header values. The `decrypted…` helpers return them in clear
 * for sending; nothing that is shown or recorded may use them.
 */

/**
 * The columns that store a webhook URL for a connector type: in clear for a standard webhook;
 * encrypted, with a masked copy to show, where the URL carries the receiver's secret.
 */
export function urlColumns(type: ConnectorType, url: string): Pick<WebhookConfig, "url" | "urlEnc"> {
  return CONNECTOR_TYPE_INFO[type].urlIsSecret ? { url: maskSecretUrl(url), urlEnc: encryptSecret(url) } : { url, urlEnc: null };
}

/** The custom headers of a configuration, values decrypted. Server-side only: never shown. */
export const decryptedCustomHeaders = (config: Pick<WebhookConfig, "customHeadersEnc"> | null): CustomHeader[] =>
  config?.customHeadersEnc ? (JSON.parse(decryptSecret(config.customHeadersEnc)) as CustomHeader[]) : [];

/** The URL to send to, decrypted when it is a secret. Server-side only: never shown. */
export const decryptedWebhookUrl = (config: Pick<WebhookConfig, "url" | "urlEnc">): string =>
  config.urlEnc ? decryptSecret(config.urlEnc) : config.url;

/**
 * Stores an integration's URL the way its (new) connector type wants it: sealed when it became a
 * secret, in clear when it no longer is. Called in the transaction that changes the type.
 */
export async function restoreUrlFor(tx: Tx, integrationId: string, type: ConnectorType): Promise<void> {
  const config = await tx.webhookConfig.findUnique({ where: { integrationId }, select: { url: true, urlEnc: true } });
  if (!config) return;
  await tx.webhookConfig.update({ where: { integrationId }, data: urlColumns(type, decryptedWebhookUrl(config)) });
}

/**
 * Seals URLs stored in clear for a connector type whose URL is a secret (Zapier integrations
 * from before connector types existed). Idempotent and cheap when there is nothing to do: run
 * after migrating and by the periodic maintenance job.
 */
export async function sealSecretWebhookUrls(tx: Tx | { $queryRaw: Tx["$queryRaw"]; webhookConfig: Tx["webhookConfig"] }): Promise<number> {
  const types = Object.values(CONNECTOR_TYPE_INFO)
    .filter((t) => t.urlIsSecret)
    .map((t) => t.type);
  const rows = await tx.$queryRaw<{ integrationId: string; url: string; connectorType: ConnectorType }[]>`
    SELECT w."integrationId", w."url", i."connectorType" FROM "WebhookConfig" w JOIN "Integration" i ON i."id" = w."integrationId"
    WHERE w."urlEnc" IS NULL AND i."connectorType" = ANY(${types}::text[])`;
  for (const row of rows) {
    await tx.webhookConfig.updateMany({
      where: { integrationId: row.integrationId, urlEnc: null },
      data: urlColumns(row.connectorType, row.url),
    });
  }
  return rows.length;
}
