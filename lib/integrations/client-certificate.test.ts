// The receivers' server certificate comes from the test CA, trusted portal-wide like an operator's own CA.
process.env.PORTAL_WEBHOOK_CA_FILE = new URL("../../e2e/fixtures/certs/ca.pem", import.meta.url).pathname;
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { sendTestWebhook } from "@/lib/executions/send-test-webhook";
import { auditRowsFor, makeUser } from "@/lib/testing/factories";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";
import { createIntegration } from "./create-integration";
import { saveWebhookConfig } from "./save-webhook-config";

const pem = (name: string) => readFileSync(path.resolve(import.meta.dirname, "../../e2e/fixtures/certs", name), "utf8");
const client = { cert: pem("client.pem"), key: pem("client-key.pem") };

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function setup(platform: "n8n" | "slack" = "n8n") {
  const { ctx } = await makeUser("admin");
  const integration = await createIntegration({ ctx, input: { name: `mTLS ${randomUUID().slice(0, 8)}`, platform } });
  return { ctx, id: integration.id };
}

const save = (ctx: Ctx, id: string, input: Partial<Parameters<typeof saveWebhookConfig>[0]["input"]>) =>
  saveWebhookConfig({ ctx, integrationId: id, input: { url: "https://localhost:9/hook", enabled: true, ...input } });

describe("client certificates (mutual TLS)", () => {
  it("stores the key encrypted, never shows it, and shows the certificate's subject and expiry", async () => {
    const { ctx, id } = await setup();
    const view = await save(ctx, id, { clientCertificate: client });
    expect(view.clientCertificate).toEqual({
      subject: "O=Webhooks Portal Test, CN=portal-client",
      notAfter: expect.any(Date),
      expiresSoon: false,
    });
    expect(view.clientCertificate!.notAfter.getUTCFullYear()).toBeGreaterThan(2100);
    expect(JSON.stringify(view)).not.toContain("PRIVATE KEY");

    const row = await db.webhookConfig.findUniqueOrThrow({ where: { integrationId: id } });
    expect(row.clientKeyEnc).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain("PRIVATE KEY");
    const kept = await save(ctx, id, { timeoutSeconds: 5 });
    expect(kept.clientCertificate?.subject).toContain("portal-client");
    const removed = await save(ctx, id, { clientCertificate: null });
    expect(removed.clientCertificate).toBeNull();

    const audit = (await auditRowsFor(id)).filter((r) => r.action === "webhook.config_changed");
    expect(audit.map((r) => (r.after as { clientKey: string }).clientKey)).toEqual(["set", "unchanged", "cleared"]);
    expect(JSON.stringify(audit)).not.toContain("PRIVATE KEY");
  });

  it("refuses an expired certificate, a key that does not match and an unreadable CA bundle with field errors", async () => {
    const { ctx, id } = await setup();
    await expect(
      save(ctx, id, { clientCertificate: { cert: pem("client-expired.pem"), key: pem("client-expired-key.pem") } }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { "clientCertificate.cert": ["This certificate expired on 2021-01-01"] },
    });
    await expect(save(ctx, id, { clientCertificate: { cert: client.cert, key: pem("self-signed-key.pem") } })).rejects.toMatchObject({
      fieldErrors: { "clientCertificate.key": ["This key does not belong to the certificate"] },
    });
    await expect(save(ctx, id, { clientCertificate: { cert: "not a certificate", key: client.key } })).rejects.toMatchObject({
      fieldErrors: { "clientCertificate.cert": [expect.stringContaining("PEM certificate")] },
    });
    await expect(save(ctx, id, { receiverCa: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" })).rejects.toMatchObject({
      fieldErrors: { receiverCa: ["Certificate 1 of the bundle is not readable"] },
    });
    expect(await db.webhookConfig.count({ where: { integrationId: id } })).toBe(0);

    const slack = await setup("slack");
    await expect(
      saveWebhookConfig({
        ctx: slack.ctx,
        integrationId: slack.id,
        input: { url: "https://hooks.slack.com/services/T0/B0/x", enabled: true, clientCertificate: client },
      }),
    ).rejects.toMatchObject({ fieldErrors: { clientCertificate: ["A Slack webhook takes no client certificate"] } });
  });

  it("presents the certificate to a receiver that requires one, and says why the handshake failed without it", async () => {
    const r = await startReceiver(undefined, { tls: "trusted", requireClientCertificate: true });
    receivers.push(r);
    const { ctx, id } = await setup();
    await save(ctx, id, { url: r.url });
    const refused = await sendTestWebhook({ ctx, integrationId: id });
    expect(refused).toMatchObject({ status: "failed", errorClass: "tls_error" });
    expect(refused.errorMessage).toMatch(/client certificate/);
    expect(r.requests).toHaveLength(0);

    await save(ctx, id, { url: r.url, clientCertificate: client });
    const taken = await sendTestWebhook({ ctx, integrationId: id });
    expect(taken).toMatchObject({ status: "succeeded" });
    expect(r.requests.map((q) => q.clientSubject)).toEqual(["portal-client"]);
  });

  it("trusts a receiver's own CA certificates for that receiver only", async () => {
    const r = await startReceiver(undefined, { tls: "untrusted" });
    receivers.push(r);
    const own = await setup();
    const other = await setup();
    await save(own.ctx, own.id, { url: r.url, receiverCa: pem("self-signed.pem") });
    await save(other.ctx, other.id, { url: r.url });
    expect(await sendTestWebhook({ ctx: own.ctx, integrationId: own.id })).toMatchObject({ status: "succeeded" });
    expect(await sendTestWebhook({ ctx: other.ctx, integrationId: other.id })).toMatchObject({ status: "failed", errorClass: "tls_error" });
    expect(r.requests).toHaveLength(1);
  });
});
