import { z } from "zod";
import type { WebhookConfig } from "@/lib/generated/prisma/client";
import { DEFAULT_MODE_BODIES, type ConnectorType, type DefaultModeBody, type SignatureStyle } from "@/lib/webhooks/connector-types";
import { expiresSoon } from "@/lib/webhooks/certificate-expiry";
import { maskSecretUrl } from "@/lib/webhooks/secret-url";
import { connectorType, platform, type Platform } from "./schemas";

/**
 * What the portal and the API show of integrations and webhook configurations. These zod
 * schemas document the answers (OpenAPI); the functions below build them from database rows.
 * A view never holds a secret: only whether a token is set and its last 4 characters.
 */
export const integrationView = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  platform,
  connectorType: connectorType.describe("What is sent: the Standard Webhooks envelope, or a Slack, Discord, Teams or Zapier message"),
  createdById: z.uuid().nullable(),
  updatedById: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type IntegrationView = z.infer<typeof integrationView>;

/** Prisma `select` for integrationView. */
export const integrationFields = {
  id: true,
  name: true,
  slug: true,
  description: true,
  platform: true,
  connectorType: true,
  createdById: true,
  updatedById: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** The platform and connector type columns are plain strings; only the verbs write them, always validated. */
export const toIntegrationView = <T extends { platform: string; connectorType: string }>(
  row: T,
): T & { platform: Platform; connectorType: ConnectorType } => ({
  ...row,
  platform: row.platform as Platform,
  connectorType: row.connectorType as ConnectorType,
});

export const webhookState = z.enum(["not_configured", "enabled", "disabled"]);
export type WebhookState = z.infer<typeof webhookState>;

/** The latest delivery started by a trigger or a manual retry (test sends do not count). */
export const lastExecution = z.object({
  status: z.enum(["queued", "scheduled", "pending", "succeeded", "failed", "interrupted", "skipped"]),
  startedAt: z.date(),
});
export type LastExecution = z.infer<typeof lastExecution>;

export const integrationListItemView = integrationView.extend({
  webhookState,
  subscriptions: z.object({
    total: z.number().int(),
    disabled: z.number().int(),
    disabledReason: z.string().nullable().describe("Why the portal disabled one of them (410 Gone, too many failures), if it did"),
  }),
  lastExecution: lastExecution.nullable(),
});
export type IntegrationListItem = z.infer<typeof integrationListItemView>;

export const webhookConfigView = z.object({
  integrationId: z.uuid(),
  url: z.string().describe("The URL; masked (••••) where the connector type's URL carries a secret"),
  urlIsSecret: z.boolean().describe("True for Slack, Discord, Teams and Zapier URLs: write-only, stored encrypted"),
  signatureStyle: z.enum(["standard-webhooks", "x-webhook-signature", "github"]),
  method: z.enum(["POST", "PUT"]),
  defaultModeBody: z.enum(DEFAULT_MODE_BODIES).describe('What a default-mode send carries: "empty" (no body) or "empty-object" ({})'),
  headers: z.array(z.object({ name: z.string(), valueLast4: z.string() })).describe("Custom request headers; values are write-only"),
  sendTraceparent: z.boolean().describe("Each request carries a W3C traceparent (while the portal exports OpenTelemetry traces)"),
  enabled: z.boolean(),
  timeoutSeconds: z.number().int(),
  maxPerSecond: z.number().nullable().describe("Automatic deliveries per second at most; null: no limit"),
  maxInFlight: z
    .number()
    .int()
    .nullable()
    .describe("Deliveries in flight at once at most (more wait in the queue); null: no limit of its own"),
  description: z.string(),
  bearerTokenSet: z.boolean(),
  bearerTokenLast4: z.string().nullable(),
  clientCertificate: z
    .object({
      subject: z.string(),
      notAfter: z.date().describe("When the certificate expires"),
      expiresSoon: z.boolean().describe("It expires within 30 days (or has expired): replace it"),
    })
    .nullable()
    .describe("The client certificate presented to the receiver (mutual TLS); its key is write-only. null: none"),
  receiverCa: z.string().nullable().describe("PEM CA certificates trusted for this receiver only; null: none"),
  /** Until then the secret replaced by the last rotation still signs; null when none does. */
  previousSecretExpiresAt: z.date().nullable(),
  updatedById: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type WebhookConfigView = z.infer<typeof webhookConfigView>;

export const alertSettingsView = z.object({
  alertIntegrationId: z.uuid().nullable().describe("The integration failure alerts are sent through; null: none"),
  alertOnDisable: z.boolean().describe("Alert when a subscription is disabled by its delivery policy"),
  alertFailureThreshold: z
    .number()
    .int()
    .nullable()
    .describe("Alert when this many deliveries failed within the window (at most one alert per window)"),
  alertWindowMinutes: z.number().int(),
});
export type AlertSettingsView = z.infer<typeof alertSettingsView>;

export const alertSettingsOf = (i: AlertSettingsView): AlertSettingsView => ({
  alertIntegrationId: i.alertIntegrationId,
  alertOnDisable: i.alertOnDisable,
  alertFailureThreshold: i.alertFailureThreshold,
  alertWindowMinutes: i.alertWindowMinutes,
});

const userRef = z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable();

export const integrationDetailView = integrationView.extend({
  alerts: alertSettingsView,
  createdBy: userRef,
  updatedBy: userRef,
  webhook: webhookConfigView.nullable(),
  lastExecution: lastExecution.nullable(),
});
export type IntegrationDetail = z.infer<typeof integrationDetailView>;

export const revealedSecretView = z.object({
  secret: z.string().describe("The current signing secret, whsec_ + base64"),
  previousSecret: z.string().optional().describe("The secret replaced by the last rotation, while it still signs"),
});

export function toWebhookConfigView(config: WebhookConfig, now = new Date()): WebhookConfigView {
  return {
    integrationId: config.integrationId,
    url: shownUrl(config),
    urlIsSecret: config.urlEnc !== null,
    signatureStyle: config.signatureStyle as SignatureStyle,
    method: config.method as "POST" | "PUT",
    defaultModeBody: config.defaultModeBody as DefaultModeBody,
    headers: (config.customHeadersShown as { name: string; last4: string }[]).map((h) => ({ name: h.name, valueLast4: h.last4 })),
    sendTraceparent: config.sendTraceparent,
    enabled: config.enabled,
    timeoutSeconds: config.timeoutSeconds,
    maxPerSecond: config.maxPerSecond,
    maxInFlight: config.maxInFlight,
    description: config.description,
    bearerTokenSet: config.bearerTokenEnc !== null,
    bearerTokenLast4: config.bearerTokenLast4,
    clientCertificate:
      config.clientCertPem && config.clientCertNotAfter
        ? {
            subject: config.clientCertSubject ?? "",
            notAfter: config.clientCertNotAfter,
            expiresSoon: expiresSoon(config.clientCertNotAfter, now),
          }
        : null,
    receiverCa: config.receiverCaPem,
    previousSecretExpiresAt: previousSecretActive(config, now) ? config.previousSecretExpiresAt : null,
    updatedById: config.updatedById,
    createdAt: config.createdAt,
    updatedAt: config.updatedAt,
  };
}

export const toWebhookState = (config: { enabled: boolean } | null): WebhookState =>
  config === null ? "not_configured" : config.enabled ? "enabled" : "disabled";

type PreviousSecret = Pick<WebhookConfig, "previousSecretEnc" | "previousSecretExpiresAt">;

/** Whether the secret replaced by the last rotation still signs at `now`. */
export const previousSecretActive = (
  config: PreviousSecret,
  now: Date,
): config is PreviousSecret & { previousSecretEnc: string; previousSecretExpiresAt: Date } =>
  config.previousSecretEnc !== null && config.previousSecretExpiresAt !== null && config.previousSecretExpiresAt > now;

/**
 * The URL as it may be shown: a secret URL is stored masked beside its ciphertext, so `url` is
 * safe as it is; masked again here should it ever hold the secret (defence in depth).
 */
const shownUrl = (config: Pick<WebhookConfig, "url" | "urlEnc">): string =>
  config.urlEnc === null ? asRequested(config.url) : maskSecretUrl(config.url);

/** A URL saved before URLs were stored as requested (schemas.ts, webhookUrl) is shown that way too. */
const asRequested = (url: string) => (URL.canParse(url) ? new URL(url).href : url);
