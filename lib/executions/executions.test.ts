// Webhook execution against real receivers on loopback: no HTTP mocks. Only "localhost" is on
// the allow-list here, so literal loopback addresses and other names count as blocked.
process.env.PORTAL_WEBHOOK_CA_FILE = new URL("../../e2e/fixtures/certs/ca.pem", import.meta.url).pathname;

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createIntegration } from "@/lib/integrations/create-integration";
import { revealSigningSecret } from "@/lib/integrations/reveal-signing-secret";
import { rotateSigningSecret } from "@/lib/integrations/rotate-signing-secret";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { makeUser } from "@/lib/testing/factories";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import type { Handler } from "@/lib/testing/receiver";
import { retryExecution } from "./retry-execution";
import { sendTestWebhook } from "./send-test-webhook";
import { triggerIntegration } from "./trigger-integration";

const TOKEN = "canary-bearer-7d1e";
let admin: Awaited<ReturnType<typeof makeUser>>;
let triggerer: Awaited<ReturnType<typeof makeUser>>;
const { receiver } = deliveryTestBed();

beforeAll(async () => {
  admin = await makeUser("admin");
  triggerer = await makeUser("trigger");
});

/** An integration whose webhook points at `url`, configured through the real verbs. */
async function integrationFor(url: string, config: { timeoutSeconds?: number; bearerToken?: string | null; enabled?: boolean } = {}) {
  const integration = await createIntegration({ ctx: admin.ctx, input: { name: `Exec ${randomUUID().slice(0, 8)}`, platform: "custom" } });
  await saveWebhookConfig({
    ctx: admin.ctx,
    integrationId: integration.id,
    input: {
      url,
      enabled: config.enabled ?? true,
      timeoutSeconds: config.timeoutSeconds ?? 5,
      bearerToken: config.bearerToken === undefined ? TOKEN : config.bearerToken,
    },
  });
  const { secret } = await revealSigningSecret({ ctx: admin.ctx, integrationId: integration.id });
  return { ...integration, secret };
}

const trigger = (integrationId: string, input: Parameters<typeof triggerIntegration>[0]["input"] = { mode: "default" }, key?: string) =>
  triggerIntegration({ ctx: triggerer.ctx, integrationId, input, idempotencyKey: key });

async function makeEvent() {
  return db.event.create({
    data: {
      type: "order.failed",
      title: "Order 1042 failed",
      severity: "high",
      source: "shop",
      occurredAt: new Date("2026-11-01T10:00:00Z"),
      details: { orderId: 1042, items: [{ sku: "A-1", qty: 2 }], note: "ünïcode ✓" },
    },
  });
}

describe("what a receiver gets", () => {
  it("default mode: an empty signed body with the bearer token, verifiable with standardwebhooks", async () => {
    const r = await receiver();
    const integration = await integrationFor(r.url);
    const { attempt } = await trigger(integration.id);
    expect(attempt).toMatchObject({ status: "succeeded", kind: "initial", mode: "default", response: { status: 200, body: "ok" } });
    expect(r.requests).toHaveLength(1);
    const [req] = r.requests;
    expect(req.method).toBe("POST");
    expect(req.body).toBe("");
    expect(req.headers["content-length"]).toBe("0");
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers["user-agent"]).toMatch(/^Webhooks-Portal\/1\.0/);
    expect(req.headers["webhook-id"]).toMatch(/^msg_[0-9A-Z]{26}$/);
    expect(req.headers["webhook-id"]).toBe(attempt.messageId);
    expect(() => new Webhook(integration.secret).verify(req.body, req.headers)).not.toThrow();
    // Recorded with the token masked, signature kept.
    expect(attempt.request.headers.authorization).toBe("Bearer ••••7d1e");
    expect(attempt.request.headers["webhook-signature"]).toBe(req.headers["webhook-signature"]);
    const stored = await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
  });

  it("event mode: the Standard Webhooks envelope with the event's complete details, over HTTPS with a private CA", async () => {
    const r = await receiver(undefined, { tls: "trusted" });
    const integration = await integrationFor(r.url);
    const event = await makeEvent();
    const { attempt } = await trigger(integration.id, { mode: "event", eventId: event.id });
    expect(attempt.status).toBe("succeeded");
    const [req] = r.requests;
    expect(req.headers["content-type"]).toBe("application/json");
    const payload = new Webhook(integration.secret).verify(req.body, req.headers) as Record<string, unknown>;
    expect(payload).toEqual({
      type: "order.failed",
      timestamp: expect.any(String),
      data: {
        event: {
          id: event.id,
          type: "order.failed",
          title: "Order 1042 failed",
          severity: "high",
          source: "shop",
          occurredAt: "2026-11-01T10:00:00.000Z",
          details: { orderId: 1042, items: [{ sku: "A-1", qty: 2 }], note: "ünïcode ✓" },
        },
        triggeredBy: { id: triggerer.user.id, email: triggerer.user.email, name: triggerer.user.name },
      },
    });
    expect(attempt.eventId).toBe(event.id);
  });

  it("during a rotation both secrets sign, and a retry keeps the webhook-id with a new signature", async () => {
    const r = await receiver();
    const integration = await integrationFor(r.url);
    await rotateSigningSecret({ ctx: admin.ctx, integrationId: integration.id });
    const { secret: current } = await revealSigningSecret({ ctx: admin.ctx, integrationId: integration.id });
    const { attempt } = await trigger(integration.id);
    const sigs = r.requests[0].headers["webhook-signature"].split(" ");
    expect(sigs).toHaveLength(2);
    expect(() => new Webhook(current).verify("", r.requests[0].headers)).not.toThrow();
    expect(() => new Webhook(integration.secret).verify("", r.requests[0].headers)).not.toThrow();

    await new Promise((res) => setTimeout(res, 1100)); // a new second, so a new timestamp
    const retry = await retryExecution({ ctx: triggerer.ctx, attemptId: attempt.id });
    expect(retry).toMatchObject({ kind: "manual_retry", retryOfId: attempt.id, messageId: attempt.messageId, status: "succeeded" });
    expect(r.requests[1].headers["webhook-id"]).toBe(r.requests[0].headers["webhook-id"]);
    expect(r.requests[1].headers["webhook-timestamp"]).not.toBe(r.requests[0].headers["webhook-timestamp"]);
    expect(r.requests[1].headers["webhook-signature"]).not.toBe(r.requests[0].headers["webhook-signature"]);
    expect(() => new Webhook(current).verify("", r.requests[1].headers)).not.toThrow();
  });

  it("a test send is signed, names the portal, the workspace and the integration, and is recorded as a test", async () => {
    const r = await receiver();
    const integration = await integrationFor(r.url, { enabled: false });
    const attempt = await sendTestWebhook({ ctx: admin.ctx, integrationId: integration.id });
    expect(attempt).toMatchObject({ kind: "test", mode: "test", status: "succeeded" });
    const payload = new Webhook(integration.secret).verify(r.requests[0].body, r.requests[0].headers) as {
      type: string;
      data: { integration: { id: string }; workspace: { name: string; slug: string } };
    };
    expect(payload.type).toBe("webhook.test");
    expect(payload.data.integration.id).toBe(integration.id);
    expect(payload.data.workspace).toEqual({ name: admin.ctx.workspace!.name, slug: admin.ctx.workspace!.slug });
    await expect(sendTestWebhook({ ctx: triggerer.ctx, integrationId: integration.id })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("refusals", () => {
  it("needs the trigger permission, a configured and enabled webhook, and an existing event", async () => {
    const r = await receiver();
    const integration = await integrationFor(r.url);
    await expect(triggerIntegration({ ctx: admin.ctx, integrationId: integration.id, input: { mode: "default" } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(trigger(integration.id, { mode: "event", eventId: randomUUID() })).rejects.toMatchObject({
      code: "not_found",
      message: "Event was not found.",
    });
    await expect(trigger(randomUUID())).rejects.toMatchObject({ code: "not_found" });
    const bare = await createIntegration({ ctx: admin.ctx, input: { name: `Bare ${randomUUID().slice(0, 6)}`, platform: "n8n" } });
    await expect(trigger(bare.id)).rejects.toMatchObject({ code: "webhook_not_configured" });
    const disabled = await integrationFor(r.url, { enabled: false });
    await expect(trigger(disabled.id)).rejects.toMatchObject({ code: "webhook_disabled" });
    expect(r.requests).toHaveLength(0);
  });
});

describe("faults: exactly one recorded attempt with the right class, no automatic retry", () => {
  const cases: [string, Handler, Partial<{ tls: "trusted" | "untrusted" }>, string, RegExp][] = [
    [
      "500",
      (_q, res) => {
        res.statusCode = 500;
        res.end("boom");
      },
      {},
      "http_error",
      /500/,
    ],
    [
      "410",
      (_q, res) => {
        res.statusCode = 410;
        res.end();
      },
      {},
      "http_error",
      /410/,
    ],
    [
      "302",
      (_q, res) => {
        res.writeHead(302, { Location: "https://example.com/elsewhere" });
        res.end();
      },
      {},
      "redirect",
      /example\.com\/elsewhere/,
    ],
    ["reset", (q) => q.socket.destroy(), {}, "connection_reset", /./],
    ["bad certificate", (_q, res) => res.end("ok"), { tls: "untrusted" }, "tls_error", /./],
  ];
  for (const [name, handler, options, errorClass, message] of cases) {
    it(name, async () => {
      const r = await receiver(handler, options);
      const integration = await integrationFor(r.url, { timeoutSeconds: 1 });
      const { attempt } = await trigger(integration.id);
      expect(attempt).toMatchObject({ status: "failed", errorClass });
      expect(attempt.errorMessage).toMatch(message);
      await new Promise((res) => setTimeout(res, 2000)); // twice the timeout
      expect(r.requests.length).toBeLessThanOrEqual(1);
      expect(await db.attempt.count({ where: { integrationId: integration.id } })).toBe(1);
    });
  }

  it("a receiver that never answers: timeout near the configured value", async () => {
    const r = await receiver(() => {});
    const integration = await integrationFor(r.url, { timeoutSeconds: 1 });
    const { attempt } = await trigger(integration.id);
    expect(attempt).toMatchObject({ status: "failed", errorClass: "timeout" });
    expect(attempt.durationMs).toBeGreaterThanOrEqual(950);
    expect(attempt.durationMs).toBeLessThan(1500);
    await new Promise((res) => setTimeout(res, 2000));
    expect(r.requests).toHaveLength(1);
  });

  it("a 50 MB answer: 64 KiB stored, marked truncated, memory flat", async () => {
    const chunk = Buffer.alloc(1024 * 1024, "x");
    const r = await receiver((_q, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      let sent = 0;
      const push = () => {
        while (sent < 50 && res.write(chunk)) sent++;
        if (sent < 50)
          res.once("drain", () => {
            sent++;
            push();
          });
        else res.end();
      };
      push();
    });
    const integration = await integrationFor(r.url);
    const before = process.memoryUsage().rss;
    const { attempt } = await trigger(integration.id);
    expect(process.memoryUsage().rss - before).toBeLessThan(30 * 1024 * 1024);
    expect(attempt).toMatchObject({ status: "succeeded", response: { status: 200, truncated: true } });
    expect(Buffer.byteLength(attempt.response!.body!)).toBe(65_536);
    expect(attempt.response!.bodyBytes).toBeGreaterThan(65_536);
  });

  it("an unresolvable host: dns_failure", async () => {
    const integration = await integrationFor("https://localhost:9/hook");
    await db.webhookConfig.update({ where: { integrationId: integration.id }, data: { url: "https://does-not-exist.invalid/hook" } });
    const { attempt } = await trigger(integration.id);
    expect(attempt).toMatchObject({ status: "failed", errorClass: "dns_failure" });
  });

  it("connection refused", async () => {
    const r = await receiver();
    await r.close();
    const integration = await integrationFor(r.url, { timeoutSeconds: 2 });
    const { attempt } = await trigger(integration.id);
    expect(attempt).toMatchObject({ status: "failed", errorClass: "connection_refused" });
  });
});

describe("the address check at send time", () => {
  // Each URL was saved when it passed (e.g. its name resolved to a public address then);
  // it is written straight to the row here, as if the answer had changed since.
  const blocked = [
    "https://127.0.0.1:PORT/",
    "https://10.0.0.1/",
    "https://169.254.169.254/latest/meta-data",
    "https://0.0.0.0:PORT/",
    "https://[::1]:PORT/",
    "https://[fc00::1]/",
    "https://[fe80::1]/",
    "https://[::ffff:127.0.0.1]:PORT/",
    "https://2130706433:PORT/",
    "https://0x7f.0.0.1:PORT/",
    "https://0177.0.0.1:PORT/",
    `https://${hostname()}:PORT/`,
    "http://93.184.215.14/",
  ];
  it.each(blocked)("%s is refused before any connection", async (template) => {
    const r = await receiver(undefined, { tls: "trusted", host: "0.0.0.0" });
    const integration = await integrationFor(r.url);
    await db.webhookConfig.update({ where: { integrationId: integration.id }, data: { url: template.replace("PORT", String(r.port)) } });
    const { attempt } = await trigger(integration.id);
    expect(attempt).toMatchObject({ status: "failed", errorClass: "blocked_address" });
    expect(r.requests).toHaveLength(0);
  });
});

describe("idempotency, rate limit and concurrency", () => {
  it("the same key from the same user returns the first attempt; 20 at once send once", async () => {
    const r = await receiver((_q, res) => setTimeout(() => res.end("ok"), 100));
    const integration = await integrationFor(r.url);
    const key = `key-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => trigger(integration.id, { mode: "default" }, key)));
    expect(new Set(results.map((x) => x.attempt.id)).size).toBe(1);
    expect(results.filter((x) => !x.replayed)).toHaveLength(1);
    expect(r.requests).toHaveLength(1);
    const again = await trigger(integration.id, { mode: "default" }, key);
    expect(again).toMatchObject({ replayed: true, attempt: { id: results[0].attempt.id, status: "succeeded" } });
  });

  it("replays of a key take no allowance, even when they arrive together", async () => {
    const r = await receiver((_q, res) => setTimeout(() => res.end("ok"), 100));
    const integration = await integrationFor(r.url);
    const { user, ctx } = await makeUser("trigger");
    const key = `key-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        triggerIntegration({ ctx, integrationId: integration.id, input: { mode: "default" }, idempotencyKey: key }),
      ),
    );
    expect(results.filter((x) => !x.replayed)).toHaveLength(1);
    await triggerIntegration({ ctx, integrationId: integration.id, input: { mode: "default" }, idempotencyKey: key });
    // One allowance used: the row says it is used up until one interval after the first trigger.
    const { env } = await import("@/lib/env");
    const interval = 60_000 / env().PORTAL_TRIGGER_RATE_LIMIT;
    const { tat } = await db.triggerRateLimit.findUniqueOrThrow({ where: { userId: user.id } });
    expect(tat.getTime()).toBeLessThan(Date.now() + 1.5 * interval);
  });

  it("a key reused for another integration, mode or event answers idempotency_key_reused", async () => {
    const r = await receiver();
    const [first, second] = [await integrationFor(r.url), await integrationFor(r.url)];
    const event = await makeEvent();
    const key = `key-${randomUUID()}`;
    await trigger(first.id, { mode: "default" }, key);
    const reused = { code: "idempotency_key_reused" };
    await expect(trigger(second.id, { mode: "default" }, key)).rejects.toMatchObject(reused);
    await expect(trigger(first.id, { mode: "event", eventId: event.id }, key)).rejects.toMatchObject(reused);
    const eventKey = `key-${randomUUID()}`;
    await trigger(first.id, { mode: "event", eventId: event.id }, eventKey);
    await expect(trigger(first.id, { mode: "event", eventId: (await makeEvent()).id }, eventKey)).rejects.toMatchObject(reused);
    expect(await trigger(first.id, { mode: "event", eventId: event.id }, eventKey)).toMatchObject({ replayed: true });
    expect(r.requests).toHaveLength(2);
  });

  it("test sends are rate limited like triggers", async () => {
    const r = await receiver();
    const integration = await integrationFor(r.url, { enabled: false });
    const { user, ctx } = await makeUser("admin");
    await sendTestWebhook({ ctx, integrationId: integration.id });
    await db.triggerRateLimit.update({ where: { userId: user.id }, data: { tat: new Date(Date.now() + 60_000) } });
    await expect(sendTestWebhook({ ctx, integrationId: integration.id })).rejects.toMatchObject({
      code: "rate_limited",
      retryAfterSeconds: expect.any(Number),
    });
    expect(r.requests).toHaveLength(1);
  });

  it("200 triggers at once with distinct keys give 200 attempts, none lost or duplicated", async () => {
    const r = await receiver();
    const integration = await integrationFor(r.url);
    const heavy = await makeUser("trigger");
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        triggerIntegration({
          ctx: heavy.ctx,
          integrationId: integration.id,
          input: { mode: "default" },
          idempotencyKey: `bulk-${i}-${randomUUID()}`,
        }),
      ),
    );
    expect(new Set(results.map((x) => x.attempt.id)).size).toBe(200);
    expect(results.every((x) => x.attempt.status === "succeeded")).toBe(true);
    expect(await db.attempt.count({ where: { integrationId: integration.id } })).toBe(200);
    expect(new Set(r.requests.map((q) => q.headers["webhook-id"])).size).toBe(200);
  }, 60_000);

  it("answers 429 with Retry-After past the per-user limit", async () => {
    const r = await receiver();
    const integration = await integrationFor(r.url);
    const limited = await makeUser("trigger");
    const { env } = await import("@/lib/env");
    const limit = env().PORTAL_TRIGGER_RATE_LIMIT;
    const started = Date.now();
    let sent = 0;
    let refusal: unknown;
    while (!refusal && sent < limit * 2) {
      await triggerIntegration({ ctx: limited.ctx, integrationId: integration.id, input: { mode: "default" } }).then(
        () => sent++,
        (error) => (refusal = error),
      );
    }
    expect(refusal).toMatchObject({ code: "rate_limited", retryAfterSeconds: expect.any(Number) });
    // The whole allowance at once, plus what came back while sending (one every minute / limit).
    const refilled = Math.ceil((Date.now() - started) / (60_000 / limit));
    expect(sent).toBeGreaterThanOrEqual(limit);
    expect(sent).toBeLessThanOrEqual(limit + refilled);
    expect(r.requests).toHaveLength(sent);
  });

  it("lets `limit` through at once, then one every minute / limit, and says how long to wait", async () => {
    const { takeAllowanceAndLoadTarget } = await import("./internal/load-target");
    const r = await receiver();
    const integration = await integrationFor(r.url);
    const { user } = await makeUser("trigger");
    const t0 = new Date("2026-01-01T00:00:00Z");
    const take = (seconds: number) =>
      takeAllowanceAndLoadTarget({
        userId: user.id,
        integrationId: integration.id,
        limit: 3,
        now: new Date(t0.getTime() + seconds * 1000),
      });
    for (let i = 0; i < 3; i++) await take(0);
    await expect(take(1)).rejects.toMatchObject({ code: "rate_limited", retryAfterSeconds: 19 });
    await take(20);
    await expect(take(21)).rejects.toMatchObject({ retryAfterSeconds: 19 });
    // A minute after the allowance ran out (at 20 s) the whole of it is back.
    for (let i = 0; i < 3; i++) await take(80);
    await expect(take(80)).rejects.toMatchObject({ retryAfterSeconds: 20 });
    // The rate limit speaks before the integration does.
    await expect(
      takeAllowanceAndLoadTarget({ userId: user.id, integrationId: randomUUID(), limit: 3, now: new Date(t0.getTime() + 81_000) }),
    ).rejects.toMatchObject({ code: "rate_limited" });
    await expect(
      takeAllowanceAndLoadTarget({ userId: user.id, integrationId: randomUUID(), limit: 3, now: new Date(t0.getTime() + 200_000) }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("a crash mid-delivery", () => {
  it("leaves the attempt recorded; the start-up sweep marks it interrupted and nothing is re-sent", async () => {
    const { spawn } = await import("node:child_process");
    const { markInterruptedAttempts } = await import("@/lib/delivery/mark-interrupted");
    const r = await receiver(() => {}); // holds the request: a slow delivery
    const integration = await integrationFor(r.url, { timeoutSeconds: 1 });
    const child = spawn(process.execPath, ["--import", "tsx", "lib/testing/trigger-child.mts", integration.id, triggerer.user.id], {
      stdio: "ignore",
      env: process.env,
    });
    // A child process that loads the portal's code takes a while on a busy machine.
    for (let i = 0; i < 400 && r.requests.length === 0; i++) await new Promise((res) => setTimeout(res, 100));
    expect(r.requests).toHaveLength(1);
    child.kill("SIGKILL");
    await new Promise((res) => child.once("exit", res));

    const [pending] = await db.attempt.findMany({ where: { integrationId: integration.id } });
    expect(pending.status).toBe("pending");
    expect(await markInterruptedAttempts()).toBe(0); // within timeout + margin: still possibly in flight
    await new Promise((res) => setTimeout(res, 1100));
    expect(await markInterruptedAttempts({ marginSeconds: 0 })).toBeGreaterThanOrEqual(1);
    const after = await db.attempt.findUniqueOrThrow({ where: { id: pending.id } });
    expect(after).toMatchObject({ status: "interrupted", errorClass: "interrupted" });
    expect(after.finishedAt).not.toBeNull();
    await new Promise((res) => setTimeout(res, 1000));
    expect(r.requests).toHaveLength(1);
  }, 60_000);
});

describe("secrets in what comes back", () => {
  it("a receiver that echoes the bearer token does not put it into the history", async () => {
    const r = await receiver((q, res) => {
      res.setHeader("x-echo", q.headers.authorization ?? "");
      res.end(`you sent ${q.headers.authorization}`);
    });
    const integration = await integrationFor(r.url);
    const { attempt } = await trigger(integration.id);
    expect(attempt.response?.body).toBe("you sent Bearer ••••7d1e");
    expect(attempt.response?.headers["x-echo"]).toBe("Bearer ••••7d1e");
    const stored = await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
  });
});
