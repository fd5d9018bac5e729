import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { invalid } from "@/lib/errors";
import type { WebhookConfig } from "@/lib/generated/prisma/client";
import { assertId } from "@/lib/ids";
import { allowedHosts } from "@/lib/webhook-settings";
import { checkWebhookUrl } from "@/lib/webhooks/address-policy";
import { generateSigningSecret } from "@/lib/webhooks/signing";
import { lockIntegration } from "./lock";
import { webhookConfigInput, type WebhookConfigInput } from "./schemas";
import { previousSecretActive, toWebhookConfigView, type WebhookConfigView } from "./views";

/**
 * Creates or replaces an integration's webhook configuration (one per integration). The URL must
 * pass the address check now; the bearer token is stored encrypted and kept when absent, removed
 * when null. A new configuration gets a freshly generated signing secret.
 */
export async function saveWebhookConfig({ ctx, integrationId, input }: { ctx: Ctx; integrationId: string; input: WebhookConfigInput }): Promise<WebhookConfigView> {
  authorize(ctx, "integrations.manage");
  assertId(integrationId, "Integration");
  const data = webhookConfigInput.parse(input);
  const check = await checkWebhookUrl(data.url, { allowedHosts: allowedHosts() });
  if (!check.ok) throw invalid(check.message, { url: [check.message] });

  return db.$transaction(async (tx) => {
    const name = await lockIntegration(tx, integrationId);
    const before = await tx.webhookConfig.findUnique({ where: { integrationId } });
    const now = new Date();
    const fields = {
      url: data.url,
      enabled: data.enabled,
      timeoutSeconds: data.timeoutSeconds,
      maxPerSecond: data.maxPerSecond,
      maxInFlight: data.maxInFlight,
      description: data.description,
      updatedById: ctx.actor.id,
      ...tokenColumns(data.bearerToken),
      // A previous secret past its expiry signs nothing any more: drop it.
      ...(before && !previousSecretActive(before, now) && { previousSecretEnc: null, previousSecretExpiresAt: null }),
    };
    const after = await tx.webhookConfig.upsert({
      where: { integrationId },
      create: { integrationId, signingSecretEnc: encryptSecret(generateSigningSecret()), ...fields },
      update: fields,
    });
    await recordAudit(tx, ctx, {
      action: "webhook.config_changed",
      target: { type: "integration", id: integrationId, label: name },
      before: before && { ...auditFields(before), bearerToken: before.bearerTokenEnc ? "set" : "not set" },
      after: { ...auditFields(after), bearerToken: tokenMarker(before, data.bearerToken) },
    });
    return toWebhookConfigView(after, now);
  });
}

function tokenColumns(token: string | null | undefined) {
  if (token === undefined) return {};
  if (token === null) return { bearerTokenEnc: null, bearerTokenLast4: null };
  return { bearerTokenEnc: encryptSecret(token), bearerTokenLast4: token.slice(-4) };
}

/** How the token changed, in words the audit log keeps (never the token). */
function tokenMarker(before: WebhookConfig | null, token: string | null | undefined) {
  const had = Boolean(before?.bearerTokenEnc);
  if (token === undefined) return had ? "unchanged" : "not set";
  if (token === null) return had ? "cleared" : "not set";
  return had ? "changed" : "set";
}

const auditFields = (c: WebhookConfig) => ({ url: c.url, enabled: c.enabled, timeoutSeconds: c.timeoutSeconds, maxPerSecond: c.maxPerSecond, maxInFlight: c.maxInFlight, description: c.description });
