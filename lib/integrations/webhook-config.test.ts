import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { auditRowsFor, makeUser } from "@/lib/testing/factories";
import { parseAllowedHosts, type AllowedHosts } from "@/lib/webhooks/address-policy";
import { createIntegration } from "./create-integration";
import { deleteWebhookConfig } from "./delete-webhook-config";
import { getWebhookForDelivery, signingSecretsFor } from "./internal/webhook-for-delivery";
import { getWebhookConfig } from "./get-webhook-config";
import { revealSigningSecret } from "./reveal-signing-secret";
import { PREVIOUS_SECRET_GRACE_MS, rotateSigningSecret } from "./rotate-signing-secret";
import { saveWebhookConfig } from "./save-webhook-config";

// Lets a test run the address check as on a portal where no host is allowed.
const settings = vi.hoisted(() => ({ allowedHosts: null as AllowedHosts | null }));
vi.mock("@/lib/webhook-settings", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/webhook-settings")>();
  return { ...original, allowedHosts: () => settings.allowedHosts ?? original.allowedHosts() };
});
afterEach(() => {
  settings.allowedHosts = null;
});

const CANARY = "canary-token-8f3a";
const URL_OK = "https://127.0.0.1:9/hook";

async function setup() {
  const { ctx } = await makeUser("admin");
  const integration = await createIntegration({ ctx, input: { name: `Hook ${randomUUID().slice(0, 8)}`, platform: "n8n" } });
  return { ctx, id: integration.id };
}

const save = (ctx: Ctx, id: string, input: Partial<Parameters<typeof saveWebhookConfig>[0]["input"]> = {}) =>
  saveWebhookConfig({ ctx, integrationId: id, input: { url: URL_OK, enabled: true, ...input } });

describe("saveWebhookConfig", () => {
  it("stores the bearer token encrypted and shows only its last 4 characters", async () => {
    const { ctx, id } = await setup();
    const view = await save(ctx, id, { bearerToken: CANARY });
    expect(view).toMatchObject({ url: URL_OK, enabled: true, timeoutSeconds: 10, bearerTokenSet: true, bearerTokenLast4: "8f3a" });
    expect(JSON.stringify(view)).not.toContain(CANARY);

    const row = await db.webhookConfig.findUniqueOrThrow({ where: { integrationId: id } });
    expect(JSON.stringify(row)).not.toContain(CANARY);
    expect(JSON.stringify(await auditRowsFor(id))).not.toContain(CANARY);
    expect((await getWebhookForDelivery(id)).bearerToken).toBe(CANARY);
  });

  it("keeps the token when absent and clears it with null, saying so in the audit log", async () => {
    const { ctx, id } = await setup();
    await save(ctx, id, { bearerToken: CANARY });
    const kept = await save(ctx, id, { timeoutSeconds: 5 });
    expect(kept).toMatchObject({ bearerTokenSet: true, bearerTokenLast4: "8f3a", timeoutSeconds: 5 });
    const cleared = await save(ctx, id, { bearerToken: null });
    expect(cleared).toMatchObject({ bearerTokenSet: false, bearerTokenLast4: null });
    expect(await db.webhookConfig.count({ where: { integrationId: id } })).toBe(1);

    const rows = (await auditRowsFor(id)).filter((r) => r.action === "webhook.config_changed");
    expect(rows.map((r) => (r.after as { bearerToken: string }).bearerToken)).toEqual(["set", "unchanged", "cleared"]);
    expect(rows[0]).toMatchObject({ actorId: ctx.actor.id, before: null, after: { url: URL_OK, enabled: true } });
    expect(rows[1]).toMatchObject({ before: { timeoutSeconds: 10, bearerToken: "set" }, after: { timeoutSeconds: 5 } });
  });

  it("refuses plain http and internal addresses, explaining how to allow them", async () => {
    const { ctx, id } = await setup();
    for (const url of [
      "http://93.184.215.14/hook",
      "https://10.0.0.1/",
      "http://10.0.0.1/",
      "https://169.254.169.254/latest",
      "https://192.168.1.10/",
    ]) {
      const refusal = save(ctx, id, { url });
      await expect(refusal).rejects.toMatchObject({
        code: "validation_failed",
        fieldErrors: { url: [expect.stringContaining("PORTAL_WEBHOOK_ALLOWED_HOSTS")] },
      });
    }
    expect(await db.webhookConfig.count({ where: { integrationId: id } })).toBe(0);
  });

  it("stores and shows the URL as it is requested, not as it was typed", async () => {
    const { ctx, id } = await setup();
    for (const [typed, requested] of [
      ["http://127.0.0.1:4101\\@evil.example/h/x", "http://127.0.0.1:4101/@evil.example/h/x"],
      ["http://2130706433:9/h", "http://127.0.0.1:9/h"],
      ["http://0x7f.1:9/h", "http://127.0.0.1:9/h"],
      ["http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ:9/h", "http://localhost:9/h"],
      ["HTTP://LOCALHOST:9/a/../b?q=1#frag", "http://localhost:9/b?q=1#frag"],
    ]) {
      await expect(save(ctx, id, { url: typed }), typed).resolves.toMatchObject({ url: requested });
      expect((await getWebhookConfig({ ctx, integrationId: id })).url).toBe(requested);
    }
  });

  it("refuses loopback addresses unless they are allowed", async () => {
    const { ctx, id } = await setup();
    settings.allowedHosts = parseAllowedHosts("");
    for (const url of ["https://127.0.0.1:9/", "https://[::1]:9/", "https://localhost:9/"]) {
      await expect(save(ctx, id, { url })).rejects.toMatchObject({
        code: "validation_failed",
        fieldErrors: { url: [expect.stringContaining("PORTAL_WEBHOOK_ALLOWED_HOSTS")] },
      });
    }
  });

  it("accepts loopback addresses listed in PORTAL_WEBHOOK_ALLOWED_HOSTS, over http too", async () => {
    expect(process.env.PORTAL_WEBHOOK_ALLOWED_HOSTS).toBe("127.0.0.1,localhost,::1");
    const { ctx, id } = await setup();
    for (const url of ["https://127.0.0.1:9/", "http://127.0.0.1:9/", "https://[::1]:9/", "http://localhost:9/"]) {
      await expect(save(ctx, id, { url })).resolves.toMatchObject({ url });
    }
  });

  it("sends traceparent only when asked, audits the change, and keeps traceparent out of custom headers and chat webhooks", async () => {
    const { ctx, id } = await setup();
    expect(await save(ctx, id)).toMatchObject({ sendTraceparent: false });
    expect(await save(ctx, id, { sendTraceparent: true })).toMatchObject({ sendTraceparent: true });
    expect((await getWebhookForDelivery(id)).sendTraceparent).toBe(true);
    const rows = (await auditRowsFor(id)).filter((r) => r.action === "webhook.config_changed");
    expect(rows.at(-1)).toMatchObject({ before: { sendTraceparent: false }, after: { sendTraceparent: true } });
    // A PUT without it turns it off, like every other setting it leaves out.
    expect(await save(ctx, id)).toMatchObject({ sendTraceparent: false });

    for (const name of ["traceparent", "TraceState"])
      await expect(save(ctx, id, { headers: [{ name, value: "00-x" }] })).rejects.toMatchObject({ name: "ZodError" });

    const slack = await createIntegration({ ctx, input: { name: `Chat ${randomUUID().slice(0, 8)}`, platform: "slack" } });
    await expect(
      saveWebhookConfig({
        ctx,
        integrationId: slack.id,
        input: { url: "https://hooks.slack.com/services/T000/B000/XXXX", enabled: true, sendTraceparent: true },
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { sendTraceparent: ["A Slack webhook is sent without a traceparent"] },
    });
  });

  it("refuses a timeout outside 1 to 30 seconds", async () => {
    const { ctx, id } = await setup();
    await expect(save(ctx, id, { timeoutSeconds: 31 })).rejects.toMatchObject({ name: "ZodError" });
    await expect(save(ctx, id, { timeoutSeconds: 0 })).rejects.toMatchObject({ name: "ZodError" });
  });
});

describe("signing secrets", () => {
  it("reveals the whsec_ secret and audits each reveal", async () => {
    const { ctx, id } = await setup();
    await save(ctx, id);
    const revealed = await revealSigningSecret({ ctx, integrationId: id });
    expect(revealed.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(revealed.previousSecret).toBeUndefined();
    const row = await db.webhookConfig.findUniqueOrThrow({ where: { integrationId: id } });
    expect(row.signingSecretEnc).not.toContain(revealed.secret);
    const audit = (await auditRowsFor(id)).filter((r) => r.action === "webhook.secret_revealed");
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(ctx.actor.id);
    expect(JSON.stringify(await auditRowsFor(id))).not.toContain(revealed.secret.slice(6));
  });

  it("rotates: the previous secret keeps signing for 24 hours, then stops", async () => {
    const { ctx, id } = await setup();
    await save(ctx, id);
    const { secret: first } = await revealSigningSecret({ ctx, integrationId: id });
    const before = Date.now();
    const view = await rotateSigningSecret({ ctx, integrationId: id });
    expect(view.previousSecretExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + PREVIOUS_SECRET_GRACE_MS);

    const { secret: second, previousSecret } = await revealSigningSecret({ ctx, integrationId: id });
    expect(second).not.toBe(first);
    expect(previousSecret).toBe(first);
    const config = await db.webhookConfig.findUniqueOrThrow({ where: { integrationId: id } });
    expect(signingSecretsFor(config, new Date())).toEqual([second, first]);
    expect(signingSecretsFor(config, new Date(view.previousSecretExpiresAt!.getTime() + 1))).toEqual([second]);
    expect((await auditRowsFor(id)).map((r) => r.action)).toContain("webhook.secret_rotated");
  });

  it("keeps the signing secret when the configuration is saved again", async () => {
    const { ctx, id } = await setup();
    await save(ctx, id);
    const { secret } = await revealSigningSecret({ ctx, integrationId: id });
    await save(ctx, id, { enabled: false });
    expect((await revealSigningSecret({ ctx, integrationId: id })).secret).toBe(secret);
  });
});

describe("deleteWebhookConfig and getWebhookForDelivery", () => {
  it("deletes a configuration, then answers not found", async () => {
    const { ctx, id } = await setup();
    await save(ctx, id);
    await deleteWebhookConfig({ ctx, integrationId: id });
    await expect(getWebhookConfig({ ctx, integrationId: id })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteWebhookConfig({ ctx, integrationId: id })).rejects.toMatchObject({ code: "not_found" });
    await expect(getWebhookForDelivery(id)).rejects.toMatchObject({ code: "webhook_not_configured" });
    expect((await auditRowsFor(id)).at(-1)?.action).toBe("webhook.config_deleted");
  });

  it("gives the engine the URL, secrets and settings", async () => {
    const { ctx, id } = await setup();
    await save(ctx, id, { enabled: false, timeoutSeconds: 7 });
    const delivery = await getWebhookForDelivery(id);
    expect(delivery).toMatchObject({ url: URL_OK, enabled: false, timeoutSeconds: 7, bearerToken: null, integration: { id } });
    expect(delivery.secrets).toHaveLength(1);
    await expect(getWebhookForDelivery(randomUUID())).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("webhook permissions", () => {
  it("refuses every change and every reveal to users who are not admins, and lets them read", async () => {
    const { ctx: admin, id } = await setup();
    await save(admin, id, { bearerToken: CANARY });
    for (const role of ["reader", "trigger"] as const) {
      const { ctx } = await makeUser(role);
      await expect(save(ctx, id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(revealSigningSecret({ ctx, integrationId: id })).rejects.toMatchObject({ code: "forbidden" });
      await expect(rotateSigningSecret({ ctx, integrationId: id })).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteWebhookConfig({ ctx, integrationId: id })).rejects.toMatchObject({ code: "forbidden" });
      const view = await getWebhookConfig({ ctx, integrationId: id });
      expect(view).toMatchObject({ bearerTokenSet: true, bearerTokenLast4: "8f3a" });
      expect(JSON.stringify(view)).not.toContain(CANARY);
    }
  });
});
