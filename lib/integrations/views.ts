import { z } from "zod";
import type { WebhookConfig } from "@/lib/generated/prisma/client";
import { platform, type Platform } from "./schemas";

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
  createdById: true,
  updatedById: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** The platform column is a plain string; only the verbs write it, always from `platform`. */
export const toIntegrationView = <T extends { platform: string }>(row: T): T & { platform: Platform } => ({ ...row, platform: row.platform as Platform });

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
  url: z.string(),
  enabled: z.boolean(),
  timeoutSeconds: z.number().int(),
  maxPerSecond: z.number().nullable().describe("Automatic deliveries per second at most; null: no limit"),
  maxInFlight: z.number().int().nullable().describe("Deliveries in flight at once at most (more wait in the queue); null: no limit of its own"),
  description: z.string(),
  bearerTokenSet: z.boolean(),
  bearerTokenLast4: z.string().nullable(),
  /** Until then the secret replaced by the last rotation still signs; null when none does. */
  previousSecretExpiresAt: z.date().nullable(),
  updatedById: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type WebhookConfigView = z.infer<typeof webhookConfigView>;

const userRef = z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable();

export const integrationDetailView = integrationView.extend({
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
    url: config.url,
    enabled: config.enabled,
    timeoutSeconds: config.timeoutSeconds,
    maxPerSecond: config.maxPerSecond,
    maxInFlight: config.maxInFlight,
    description: config.description,
    bearerTokenSet: config.bearerTokenEnc !== null,
    bearerTokenLast4: config.bearerTokenLast4,
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
export const previousSecretActive = (config: PreviousSecret, now: Date): config is PreviousSecret & { previousSecretEnc: string; previousSecretExpiresAt: Date } =>
  config.previousSecretEnc !== null && config.previousSecretExpiresAt !== null && config.previousSecretExpiresAt > now;
