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
import { scopeWorkspaceId } from "@/lib/workspaces/scope";
import { integrationNotFound } from "../errors";
import type { ReceiverTls } from "@/lib/webhooks/client-certificate";
import { hasField, type ConnectorType, type HttpMethod, type SignatureStyle } from "@/lib/webhooks/connector-types";
import type { CustomHeader } from "@/lib/webhooks/custom-headers";
import { secretUrlParts } from "@/lib/webhooks/secret-url";
import { previousSecretActive, toIntegrationView, type IntegrationView } from "../views";
import { decryptedCustomHeaders, decryptedWebhookUrl } from "./webhook-secrets";

type SecretColumns = Pick<WebhookConfig, "signingSecretEnc" | "previousSecretEnc" | "previousSecretExpiresAt">;

/** The secrets that sign a message sent at `now`: the current one, and the previous one until it expires. */
export function signingSecretsFor(config: SecretColumns, now: Date = new Date()): string[] {
  const current = decryptSecret(config.signingSecretEnc);
  return previousSecretActive(config, now) ? [current, decryptSecret(config.previousSecretEnc)] : [current];
}

export interface WebhookForDelivery {
  integration: IntegrationView;
  connectorType: ConnectorType;
  config: WebhookConfig;
  /** Where the request goes, in clear (a chat URL's secret included): never recorded. */
  url: string;
  /** The URL as recorded and shown: masked where it carries a secret. */
  shownUrl: string;
  method: HttpMethod;
  signatureStyle: SignatureStyle;
  bearerToken: string | null;
  customHeaders: CustomHeader[];
  secrets: string[];
  /** The receiver's own TLS settings: a client certificate (key in clear) and CA certificates. */
  tls: ReceiverTls;
  /** Everything secret the request carries, to redact wherever a receiver echoes it. */
  redact: string[];
  timeoutSeconds: number;
  enabled: boolean;
  /** The integration's transformation version in use (lib/transformations), or null. */
  transformationId: string | null;
  /** Send a W3C traceparent (while traces are exported), for types that take custom headers. */
  sendTraceparent: boolean;
}

/**
 * Everything the execution engine needs to send to an integration's webhook, secrets decrypted.
 * It does not authorize: the caller has, and its workspace is the one looked in (scopeWorkspaceId:
 * another workspace's integration is not found). Throws not found for an unknown integration and a
 * conflict when it has no webhook configuration; a disabled one is returned with enabled false.
 */
export async function getWebhookForDelivery(integrationId: string, now: Date = new Date()): Promise<WebhookForDelivery> {
  // One round trip (a trigger reads the same row together with the rate limit: load-target.ts).
  const [row] = await sql<DeliveryRow>`
    SELECT i.*, to_jsonb(w) AS "config"
    FROM "Integration" i LEFT JOIN "WebhookConfig" w ON w."integrationId" = i."id"
    WHERE i."id" = ${assertId(integrationId, "Integration")}::uuid AND i."workspaceId" = ${scopeWorkspaceId()}::uuid`;
  return toWebhookForDelivery(row, now);
}

/** An integration row with its webhook configuration as JSON (`to_jsonb`), or none at all. */
export type DeliveryRow = (Integration & { config: WebhookConfig | null }) | undefined;

/** Decrypts a row read as above into a WebhookForDelivery; throws for a missing integration or configuration. */
export function toWebhookForDelivery(row: DeliveryRow, now: Date = new Date()): WebhookForDelivery {
  if (!row?.id) throw integrationNotFound();
  const { config: json, ...integration } = row;
  if (!json)
    throw new AppError(
      "webhook_not_configured",
      `“${integration.name}” has no webhook configured yet. An admin can configure it on the integration's page.`,
    );
  const config = { ...json, previousSecretExpiresAt: json.previousSecretExpiresAt ? new Date(json.previousSecretExpiresAt) : null };
  const view = toIntegrationView(integration);
  const type = view.connectorType;
  // Fields a connector type does not have are not used, whatever is stored from another type.
  const url = decryptedWebhookUrl(config);
  const bearerToken = config.bearerTokenEnc && hasField(type, "bearerToken") ? decryptSecret(config.bearerTokenEnc) : null;
  const customHeaders = hasField(type, "headers") ? decryptedCustomHeaders(config) : [];
  return {
    integration: view,
    connectorType: type,
    config,
    url,
    shownUrl: config.url,
    method: hasField(type, "method") ? (config.method as HttpMethod) : "POST",
    signatureStyle: hasField(type, "signatureStyle") ? (config.signatureStyle as SignatureStyle) : "standard-webhooks",
    bearerToken,
    customHeaders,
    secrets: signingSecretsFor(config, now),
    tls: receiverTlsOf(config, type),
    redact: [
      ...(bearerToken ? [bearerToken] : []),
      ...(config.urlEnc ? secretUrlParts(url) : []),
      ...customHeaders.map((h) => h.value).filter((v) => v.length >= 4),
    ],
    timeoutSeconds: config.timeoutSeconds,
    enabled: config.enabled,
    transformationId: integration.transformationId ?? null,
    sendTraceparent: config.sendTraceparent === true && hasField(type, "sendTraceparent"),
  };
}

function receiverTlsOf(config: WebhookConfig, type: ConnectorType): ReceiverTls {
  const certificate =
    config.clientCertPem && config.clientKeyEnc && hasField(type, "clientCertificate")
      ? { clientCertificate: { cert: config.clientCertPem, key: decryptSecret(config.clientKeyEnc) } }
      : {};
  return { ...certificate, ...(config.receiverCaPem && hasField(type, "receiverCa") ? { ca: config.receiverCaPem } : {}) };
}
