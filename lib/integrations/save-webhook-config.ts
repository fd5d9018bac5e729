import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { invalid } from "@/lib/errors";
import type { WebhookConfig } from "@/lib/generated/prisma/client";
import { assertId } from "@/lib/ids";
import { allowedHosts } from "@/lib/webhook-settings";
import { checkWebhookUrl } from "@/lib/webhooks/address-policy";
import { caBundleProblem, checkClientCertificate } from "@/lib/webhooks/client-certificate";
import { CONNECTOR_TYPE_INFO, hasField, type ConnectorType } from "@/lib/webhooks/connector-types";
import type { CustomHeader } from "@/lib/webhooks/custom-headers";
import { generateSigningSecret } from "@/lib/webhooks/signing";
import { lockIntegration } from "./lock";
import { webhookConfigInput, type WebhookConfigInput } from "./schemas";
import { previousSecretActive, toIntegrationView, toWebhookConfigView, type WebhookConfigView } from "./views";
import { decryptedCustomHeaders, decryptedWebhookUrl, urlColumns } from "./internal/webhook-secrets";

/**
 * Creates or replaces an integration's webhook configuration (one per integration), with the
 * fields its connector type has. The URL must pass the address check now; where it carries a
 * secret (chat, Zapier) it is stored encrypted and kept when absent. The bearer token is stored
 * encrypted and kept when absent, removed when null; custom header values likewise. A client
 * certificate must be valid now and match its key, which is stored encrypted; a CA bundle must be
 * readable. A new configuration gets a freshly generated signing secret.
 */
export async function saveWebhookConfig({
  ctx,
  integrationId,
  input,
}: {
  ctx: Ctx;
  integrationId: string;
  input: WebhookConfigInput;
}): Promise<WebhookConfigView> {
  authorize(ctx, "integrations.manage");
  assertId(integrationId, "Integration");
  const data = webhookConfigInput.parse(input);

  return db.$transaction(async (tx) => {
    const name = await lockIntegration(tx, integrationId);
    const { connectorType: type } = toIntegrationView(
      await tx.integration.findUniqueOrThrow({ where: { id: integrationId }, select: { platform: true, connectorType: true } }),
    );
    const before = await tx.webhookConfig.findUnique({ where: { integrationId } });
    refuseFieldsTheTypeLacks(type, data);
    const url = data.url ?? (before && CONNECTOR_TYPE_INFO[type].urlIsSecret ? decryptedWebhookUrl(before) : undefined);
    if (url === undefined) throw invalid("Enter the URL.", { url: ["Enter the URL"] });
    const check = await checkWebhookUrl(url, { allowedHosts: allowedHosts() });
    if (!check.ok) throw invalid(check.message, { url: [check.message] });
    const now = new Date();
    const fields = {
      ...urlColumns(type, url),
      signatureStyle: data.signatureStyle,
      method: data.method,
      defaultModeBody: data.defaultModeBody,
      sendTraceparent: data.sendTraceparent,
      ...(data.headers !== undefined && headerColumns(data.headers, before)),
      enabled: data.enabled,
      timeoutSeconds: data.timeoutSeconds,
      maxPerSecond: data.maxPerSecond,
      maxInFlight: data.maxInFlight,
      description: data.description,
      updatedById: ctx.actor.id,
      ...tokenColumns(data.bearerToken),
      ...certificateColumns(data.clientCertificate, now),
      ...(data.receiverCa !== undefined && { receiverCaPem: receiverCa(data.receiverCa) }),
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
      after: {
        ...auditFields(after),
        bearerToken: tokenMarker(before, data.bearerToken),
        clientKey: keyMarker(before, data.clientCertificate),
      },
    });
    return toWebhookConfigView(after, now);
  });
}

/** A Slack, Discord, Teams or Zapier webhook takes no token, signature style, method or headers: say so rather than ignore them. */
function refuseFieldsTheTypeLacks(type: ConnectorType, data: ReturnType<typeof webhookConfigInput.parse>) {
  const label = CONNECTOR_TYPE_INFO[type].label;
  const problems: Record<string, string[]> = {};
  if (typeof data.bearerToken === "string" && !hasField(type, "bearerToken"))
    problems.bearerToken = [`A ${label} webhook takes no bearer token`];
  if (data.signatureStyle !== "standard-webhooks" && !hasField(type, "signatureStyle"))
    problems.signatureStyle = [`A ${label} webhook is signed the Standard Webhooks way`];
  if (data.method !== "POST" && !hasField(type, "method")) problems.method = [`A ${label} webhook is sent with POST`];
  if (data.defaultModeBody !== "empty" && !hasField(type, "defaultModeBody"))
    problems.defaultModeBody = [`A ${label} webhook sends its own message in default mode`];
  if (data.sendTraceparent && !hasField(type, "sendTraceparent"))
    problems.sendTraceparent = [`A ${label} webhook is sent without a traceparent`];
  if (data.headers?.length && !hasField(type, "headers")) problems.headers = [`A ${label} webhook takes no custom headers`];
  if (data.clientCertificate && !hasField(type, "clientCertificate"))
    problems.clientCertificate = [`A ${label} webhook takes no client certificate`];
  if (data.receiverCa && !hasField(type, "receiverCa")) problems.receiverCa = [`A ${label} webhook takes no CA certificates of its own`];
  const first = Object.values(problems)[0]?.[0];
  if (first) throw invalid(`${first}.`, problems);
}

/** Custom headers stored encrypted; a header given without a value keeps the one stored under its name. */
function headerColumns(input: { name: string; value?: string }[], before: WebhookConfig | null) {
  const stored = new Map(decryptedCustomHeaders(before).map((h) => [h.name.toLowerCase(), h.value]));
  const problems: Record<string, string[]> = {};
  const headers: CustomHeader[] = input.map((h, i) => {
    const value = h.value ?? stored.get(h.name.toLowerCase());
    if (value === undefined) problems[`headers.${i}.value`] = [`Enter a value for ${h.name}`];
    return { name: h.name, value: value ?? "" };
  });
  const first = Object.values(problems)[0]?.[0];
  if (first) throw invalid(`${first}.`, problems);
  return {
    customHeadersEnc: headers.length > 0 ? encryptSecret(JSON.stringify(headers)) : null,
    customHeadersShown: headers.map((h) => ({ name: h.name, last4: h.value.slice(-4) })),
  };
}

/** The certificate in clear (it is public), its key encrypted; refused with a field error when expired or mismatched. */
function certificateColumns(input: { cert: string; key: string } | null | undefined, now: Date) {
  if (input === undefined) return {};
  if (input === null) return { clientCertPem: null, clientKeyEnc: null, clientCertSubject: null, clientCertNotAfter: null };
  const check = checkClientCertificate(input.cert, input.key, now);
  if (!check.ok) throw invalid(`${check.message}.`, { [`clientCertificate.${check.field}`]: [check.message] });
  return {
    clientCertPem: input.cert,
    clientKeyEnc: encryptSecret(input.key),
    clientCertSubject: check.subject,
    clientCertNotAfter: check.notAfter,
  };
}

function receiverCa(pem: string | null) {
  if (pem === null) return null;
  const problem = caBundleProblem(pem);
  if (problem) throw invalid(`${problem}.`, { receiverCa: [problem] });
  return pem;
}

/** How the client certificate's key changed, in words the audit log keeps (never the key). */
function keyMarker(before: WebhookConfig | null, input: object | null | undefined) {
  const had = Boolean(before?.clientKeyEnc);
  if (input === undefined) return had ? "unchanged" : "not set";
  if (input === null) return had ? "cleared" : "not set";
  return had ? "changed" : "set";
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

/** What the audit log keeps of a configuration: the URL as shown (masked where it is a secret), header names without values. */
const auditFields = (c: WebhookConfig) => ({
  url: c.url,
  signatureStyle: c.signatureStyle,
  method: c.method,
  defaultModeBody: c.defaultModeBody,
  sendTraceparent: c.sendTraceparent,
  headers: (c.customHeadersShown as { name: string }[]).map((h) => h.name),
  enabled: c.enabled,
  timeoutSeconds: c.timeoutSeconds,
  maxPerSecond: c.maxPerSecond,
  maxInFlight: c.maxInFlight,
  description: c.description,
  clientCertificate: c.clientCertSubject && c.clientCertNotAfter ? { subject: c.clientCertSubject, notAfter: c.clientCertNotAfter } : null,
  receiverCa: c.receiverCaPem !== null,
});
