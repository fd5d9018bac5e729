// Delivery policies against real receivers, the real queue and real worker processes, with short
// schedules (1–3 s) so they run fast.
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEvent } from "@/lib/events/create-event";
import { cancelRetries } from "@/lib/executions/cancel-retries";
import { getRecovery, startRecovery } from "@/lib/executions/recover-deliveries";
import { retryExecution } from "@/lib/executions/retry-execution";
import { createIntegration } from "@/lib/integrations/create-integration";
import { revealSigningSecret } from "@/lib/integrations/reveal-signing-secret";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { enableSubscription } from "@/lib/subscriptions/enable-subscription";
import { listAutoDisabledSubscriptions } from "@/lib/subscriptions/list-auto-disabled";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";
import { updateSubscription } from "@/lib/subscriptions/update-subscription";
import type { CreateSubscriptionInput } from "@/lib/subscriptions/schemas";
import { auditRowsFor, makeUser } from "@/lib/testing/factories";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import type { Handler } from "@/lib/testing/receiver";
import { waitFor, type WorkerProcess } from "@/lib/testing/worker-process";
import { markInterruptedAttempts } from "./mark-interrupted";

let admin: Awaited<ReturnType<typeof makeUser>>;
let triggerer: Awaited<ReturnType<typeof makeUser>>;
let worker: WorkerProcess;
const bed = deliveryTestBed();

beforeAll(async () => {
  admin = await makeUser("admin");
  triggerer = await makeUser("trigger");
  worker = await bed.worker();
});

/** A receiver answering with the statuses given, one per request, then 200. */
async function receiver(statuses: (number | "hang")[] = [], headers: Record<string, string> = {}) {
  let n = 0;
  const handler: Handler = (_req, res) => {
    const status = statuses[n++] ?? 200;
    if (status === "hang") return;
    res.writeHead(status, headers).end(status < 300 ? "ok" : "no");
  };
  return bed.receiver(handler);
}

async function subscribed(url: string, subscription: Partial<CreateSubscriptionInput>, timeoutSeconds = 5) {
  const integration = await createIntegration({
    ctx: admin.ctx,
    input: { name: `Policy ${randomUUID().slice(0, 8)}`, platform: "custom" },
  });
  bed.track(integration.id);
  await saveWebhookConfig({
    ctx: admin.ctx,
    integrationId: integration.id,
    input: { url, enabled: true, timeoutSeconds, bearerToken: null },
  });
  const type = `policy${randomUUID().replace(/-/g, "").slice(0, 8)}.happened`;
  const sub = await createSubscription({
    ctx: admin.ctx,
    integrationId: integration.id,
    input: { eventTypes: [type], retrySchedule: null, ...subscription },
  });
  const { secret } = await revealSigningSecret({ ctx: admin.ctx, integrationId: integration.id });
  return { integration, sub, secret, type };
}

const ingest = (type: string) => createEvent({ ctx: admin.ctx, input: { type, title: "Policy test", severity: "high", source: "test" } });
const attemptsOf = (eventId: string) =>
  db.attempt.findMany({ where: { eventId }, orderBy: [{ startedAt: "asc" }, { retryNumber: "asc" }] });
const subscriptionRow = (id: string) => db.subscription.findUniqueOrThrow({ where: { id } });
/** n attempts have ended and their subscription's policy has taken them into account. */
const settled = async (eventId: string, n: number) =>
  (await attemptsOf(eventId)).filter(
    (a) => a.status === "skipped" || (["succeeded", "failed", "interrupted"].includes(a.status) && a.policyAppliedAt),
  ).length >= n;

describe("retry schedules", () => {
  it("retries a 5xx by the schedule: same webhook-id and body, new signature, attempt times as scheduled", async () => {
    const r = await receiver([500, 503]);
    const { integration, sub, secret, type } = await subscribed(r.url, { retrySchedule: [1, 2] });
    const event = await ingest(type);
    await waitFor(() => r.requests.length === 3, 30_000, "three requests");
    const [a, b, c] = r.requests;
    expect(new Set(r.requests.map((q) => q.headers["webhook-id"])).size).toBe(1);
    expect(new Set(r.requests.map((q) => q.body)).size).toBe(1);
    expect(new Set(r.requests.map((q) => q.headers["webhook-signature"])).size).toBe(3);
    for (const q of r.requests) expect(() => new Webhook(secret).verify(q.body, q.headers)).not.toThrow();
    expect(b.at - a.at).toBeGreaterThanOrEqual(900);
    expect(b.at - a.at).toBeLessThan(2500);
    expect(c.at - b.at).toBeGreaterThanOrEqual(1900);
    expect(c.at - b.at).toBeLessThan(3500);

    await waitFor(() => settled(event.id, 3), 10_000, "the outcomes");
    const attempts = await attemptsOf(event.id);
    expect(attempts.map((x) => [x.retryNumber, x.status])).toEqual([
      [0, "failed"],
      [1, "failed"],
      [2, "succeeded"],
    ]);
    expect(attempts[1].retryOfId).toBe(attempts[0].id);
    expect(attempts[0].nextRetryAt).not.toBeNull();
    expect(attempts[2].nextRetryAt).toBeNull();
    expect((await subscriptionRow(sub.id)).consecutiveFailures).toBe(0);
    // One delivery, three attempts: counted apart.
    const [listed] = (await listSubscriptions({ ctx: admin.ctx, integrationId: integration.id })).data;
    expect(listed.activity).toMatchObject({ deliveries24h: 1, attempts24h: 3 });
  });

  it("does not retry without a policy, nor a 4xx, nor a redirect", async () => {
    for (const [status, schedule] of [
      [500, []],
      [400, [1]],
      [302, [1]],
    ] as const) {
      const r = await receiver([status], status === 302 ? { location: "http://localhost:1/elsewhere" } : {});
      const { sub, type } = await subscribed(r.url, { retrySchedule: [...schedule] });
      const event = await ingest(type);
      await waitFor(() => settled(event.id, 1), 15_000, "the outcome");
      await new Promise((res) => setTimeout(res, 1800)); // a retry would arrive by now
      expect(r.requests, `HTTP ${status}`).toHaveLength(1);
      const attempts = await attemptsOf(event.id);
      expect(attempts.map((x) => x.status)).toEqual(["failed"]);
      expect(attempts[0].nextRetryAt).toBeNull();
      expect((await subscriptionRow(sub.id)).consecutiveFailures).toBe(1);
    }
  });

  it("honours Retry-After, capped at the schedule's longest delay", async () => {
    const r = await receiver([429, 503], { "retry-after": "1" });
    const { type } = await subscribed(r.url, { retrySchedule: [3, 3] });
    await ingest(type);
    await waitFor(() => r.requests.length === 3, 20_000, "three requests");
    expect(r.requests[1].at - r.requests[0].at).toBeLessThan(2500); // 1 s asked, 3 s scheduled

    const capped = await receiver([503], { "retry-after": "3600" });
    const { type: type2 } = await subscribed(capped.url, { retrySchedule: [2] });
    await ingest(type2);
    await waitFor(() => capped.requests.length === 2, 20_000, "the capped retry");
    expect(capped.requests[1].at - capped.requests[0].at).toBeLessThan(4000);
  });

  it("a manual retry cancels the scheduled retries; so does Cancel retries", async () => {
    const r = await receiver([500, 500, 500]);
    const { type } = await subscribed(r.url, { retrySchedule: [30, 30] });
    const event = await ingest(type);
    await waitFor(async () => (await attemptsOf(event.id)).some((a) => a.status === "scheduled"), 15_000, "a scheduled retry");
    const [first] = await attemptsOf(event.id);
    const manual = await retryExecution({ ctx: triggerer.ctx, attemptId: first.id });
    expect(manual.kind).toBe("manual_retry");
    const after = await attemptsOf(event.id);
    expect(after.find((a) => a.retryNumber === 1)).toMatchObject({ status: "skipped", errorClass: "cancelled" });
    expect(after.find((a) => a.id === first.id)?.nextRetryAt).toBeNull();
    expect(r.requests).toHaveLength(2);

    const r2 = await receiver([500]);
    const { type: type2 } = await subscribed(r2.url, { retrySchedule: [30] });
    const event2 = await ingest(type2);
    await waitFor(async () => (await attemptsOf(event2.id)).some((a) => a.status === "scheduled"), 15_000, "a scheduled retry");
    const [failed] = await attemptsOf(event2.id);
    await expect(cancelRetries({ ctx: admin.ctx, attemptId: failed.id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await cancelRetries({ ctx: triggerer.ctx, attemptId: failed.id })).toEqual({ cancelled: 1 });
    expect((await attemptsOf(event2.id)).map((a) => a.status)).toEqual(["failed", "skipped"]);
    expect((await auditRowsFor(failed.id)).map((a) => a.action)).toContain("webhook.retries_cancelled");
  });
});

describe("disable on failure", () => {
  it("410 Gone disables the subscription at once, audited as done by the portal; later matches are skipped", async () => {
    const r = await receiver([410]);
    const { integration, sub, type } = await subscribed(r.url, { retrySchedule: [1, 1] });
    const event = await ingest(type);
    await waitFor(async () => !(await subscriptionRow(sub.id)).enabled, 15_000, "the subscription to be disabled");
    const row = await subscriptionRow(sub.id);
    expect(row.disabledReason).toContain("410 Gone");
    expect(row.lastError).toContain("HTTP 410");
    const audit = (await auditRowsFor(integration.id)).find((a) => a.action === "subscription.auto_disabled");
    expect(audit).toMatchObject({ actorId: null, after: { subscriptionId: sub.id, enabled: false } });
    expect((await attemptsOf(event.id)).map((a) => a.status)).toEqual(["failed"]);

    const later = await ingest(type);
    expect(later).toMatchObject({ deliveriesQueued: 0, deliveriesSkipped: 1 });
    expect(r.requests).toHaveLength(1);
    // Admins are told on every page, with the alert integration offered since none is set up.
    const told = (await listAutoDisabledSubscriptions({ ctx: admin.ctx })).find((i) => i.integrationId === integration.id);
    expect(told).toMatchObject({
      alertsConfigured: false,
      subscriptions: [{ id: sub.id, disabledReason: expect.stringContaining("410") }],
    });
    await expect(listAutoDisabledSubscriptions({ ctx: triggerer.ctx })).rejects.toMatchObject({ code: "forbidden" });
    const enabled = await enableSubscription({ ctx: admin.ctx, id: sub.id });
    expect(enabled).toMatchObject({ state: "enabled", disabledReason: null, consecutiveFailures: 0 });
    const after = await listAutoDisabledSubscriptions({ ctx: admin.ctx });
    expect(after.some((i) => i.integrationId === integration.id)).toBe(false);
  });

  it("N failed deliveries in a row disable it (a retry chain counts once); a success resets the count", async () => {
    const r = await receiver([500, 500, 200, 500, 500, 500, 500]);
    const { sub, type } = await subscribed(r.url, { retrySchedule: [1], disableAfterFailures: 2 });
    // Chain 1: 500, retry 500 → one failure. Chain 2: 200 → reset.
    const e1 = await ingest(type);
    await waitFor(() => settled(e1.id, 2), 15_000, "chain 1");
    expect((await subscriptionRow(sub.id)).consecutiveFailures).toBe(1);
    const e2 = await ingest(type);
    await waitFor(() => settled(e2.id, 1), 15_000, "chain 2");
    expect((await subscriptionRow(sub.id)).consecutiveFailures).toBe(0);
    // Chains 3 and 4 fail → disabled after the second.
    const e3 = await ingest(type);
    await waitFor(() => settled(e3.id, 2), 15_000, "chain 3");
    expect((await subscriptionRow(sub.id)).enabled).toBe(true);
    const e4 = await ingest(type);
    await waitFor(() => settled(e4.id, 2), 15_000, "chain 4");
    const row = await subscriptionRow(sub.id);
    expect(row).toMatchObject({ enabled: false, consecutiveFailures: 2 });
    expect(row.disabledReason).toContain("2 automatic deliveries in a row failed");
    expect(r.requests).toHaveLength(7);
  });
});

describe("crashes with a retry policy", () => {
  it("kill -9 mid-retry-chain: the interrupted attempt counts as failed and the chain goes on, nothing sent twice at once", async () => {
    const r = await receiver([500, "hang"]);
    const { type } = await subscribed(r.url, { retrySchedule: [1, 1] }, 1);
    await worker.stop("SIGKILL");
    worker = await bed.worker({ PORTAL_WORKER_CONCURRENCY: "2" });
    const event = await ingest(type);
    await waitFor(() => r.requests.length === 2, 20_000, "retry #1 in flight");
    await worker.stop("SIGKILL");
    worker = await bed.worker();
    // The crashed attempt is closed by the sweep (here without its margin), which applies the policy.
    await waitFor(
      async () =>
        (await markInterruptedAttempts({ marginSeconds: 0 })) > 0 || (await attemptsOf(event.id)).some((a) => a.status === "interrupted"),
      20_000,
      "the interrupted mark",
    );
    await waitFor(() => r.requests.length === 3, 20_000, "retry #2");
    await waitFor(() => settled(event.id, 3), 10_000, "the outcomes");
    const attempts = await attemptsOf(event.id);
    expect(attempts.map((a) => [a.retryNumber, a.status])).toEqual([
      [0, "failed"],
      [1, "interrupted"],
      [2, "succeeded"],
    ]);
    expect(new Set(r.requests.map((q) => q.headers["webhook-id"])).size).toBe(1);
    await new Promise((res) => setTimeout(res, 1500));
    expect(r.requests).toHaveLength(3);
  }, 90_000);
});

describe("crashes never count against the receiver", () => {
  it("kill -9 mid-batch with a subscription one failure from its threshold: the interrupted deliveries leave it enabled", async () => {
    // Every request reaches the receiver, which answers after 4 s; the worker is killed before it does.
    const r = await bed.receiver((_q, res) => void setTimeout(() => res.end("ok"), 4000));
    const { sub, type } = await subscribed(r.url, {}, 5);
    expect(sub).toMatchObject({ disableAfterFailures: 3 });
    await db.subscription.update({ where: { id: sub.id }, data: { consecutiveFailures: 2 } });
    const events: Awaited<ReturnType<typeof ingest>>[] = [];
    for (let i = 0; i < 6; i++) events.push(await ingest(type));
    await waitFor(() => r.requests.length === 6, 20_000, "six requests in flight");
    await new Promise((res) => setTimeout(res, 1500));
    await worker.stop("SIGKILL");
    // The sweep (here without its margin, once the 5 s timeout has passed) closes them as interrupted.
    await waitFor(async () => (await markInterruptedAttempts({ marginSeconds: 0 })) >= 0 && settledAll(), 30_000, "the sweep");
    async function settledAll() {
      for (const e of events) if (!(await settled(e.id, 1))) return false;
      return true;
    }
    for (const e of events) expect((await attemptsOf(e.id)).map((a) => a.status)).toEqual(["interrupted"]);
    const row = await subscriptionRow(sub.id);
    expect(row).toMatchObject({ enabled: true, consecutiveFailures: 2, disabledReason: null });
    worker = await bed.worker();
    const next = await ingest(type);
    expect(next).toMatchObject({ deliveriesQueued: 1, deliveriesSkipped: 0 });
    await waitFor(() => settled(next.id, 1), 20_000, "the next delivery");
    expect((await attemptsOf(next.id)).map((a) => a.status)).toEqual(["succeeded"]);
    expect((await subscriptionRow(sub.id)).consecutiveFailures).toBe(0);
  }, 90_000);
});

describe("recover", () => {
  it("sends every failed, interrupted or skipped delivery again once, even when two recovers run at once", async () => {
    const r = await receiver([500, 500, 500]);
    const { integration, sub, type } = await subscribed(r.url, { disableAfterFailures: 1000 });
    const since = new Date(Date.now() - 1000);
    const failed = [await ingest(type), await ingest(type), await ingest(type)];
    for (const e of failed) await waitFor(() => settled(e.id, 1), 15_000, "a failure");
    await updateSubscription({ ctx: admin.ctx, id: sub.id, input: { enabled: false } });
    const skipped = await ingest(type);
    expect(skipped.deliveriesSkipped).toBe(1);
    await updateSubscription({ ctx: admin.ctx, id: sub.id, input: { enabled: true } });
    expect(r.requests).toHaveLength(3);

    await expect(
      startRecovery({ ctx: admin.ctx, integrationId: integration.id, input: { since: since.toISOString() } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const [one, two] = await Promise.all([
      startRecovery({ ctx: triggerer.ctx, integrationId: integration.id, input: { since: since.toISOString() } }),
      startRecovery({ ctx: triggerer.ctx, integrationId: integration.id, input: { since: since.toISOString() } }),
    ]);
    await waitFor(
      async () =>
        (await getRecovery({ ctx: admin.ctx, id: one.id })).state === "completed" &&
        (await getRecovery({ ctx: admin.ctx, id: two.id })).state === "completed",
      20_000,
      "both recovers",
    );
    const [a, b] = [await getRecovery({ ctx: admin.ctx, id: one.id }), await getRecovery({ ctx: admin.ctx, id: two.id })];
    expect(a.requeued + b.requeued).toBe(4);
    await waitFor(() => r.requests.length === 7, 20_000, "the recovered deliveries");
    await new Promise((res) => setTimeout(res, 1500));
    expect(r.requests).toHaveLength(7);
    const ids = r.requests.slice(3).map((q) => q.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(4);

    // A third recover finds nothing left to send: they all succeeded.
    const three = await startRecovery({ ctx: triggerer.ctx, integrationId: integration.id, input: { since: since.toISOString() } });
    await waitFor(async () => (await getRecovery({ ctx: admin.ctx, id: three.id })).state === "completed", 20_000, "the third recover");
    expect((await getRecovery({ ctx: admin.ctx, id: three.id })).requeued).toBe(0);
    expect((await auditRowsFor(integration.id)).filter((x) => x.action === "integration.recovery_completed")).toHaveLength(3);
  }, 90_000);

  it("refuses a malformed range", async () => {
    const { integration } = await subscribed("http://localhost:1/none", {});
    await expect(startRecovery({ ctx: triggerer.ctx, integrationId: integration.id, input: { since: "yesterday" } })).rejects.toMatchObject(
      { issues: expect.any(Array) },
    );
    await expect(
      startRecovery({
        ctx: triggerer.ctx,
        integrationId: integration.id,
        input: { since: "2026-12-02T00:00:00Z", until: "2026-12-01T00:00:00Z" },
      }),
    ).rejects.toMatchObject({ issues: expect.any(Array) });
    await expect(
      startRecovery({
        ctx: triggerer.ctx,
        integrationId: integration.id,
        input: { since: "2026-12-01T00:00:00Z", statuses: ["succeeded" as never] },
      }),
    ).rejects.toMatchObject({ issues: expect.any(Array) });
  });
});

describe("pace per integration", () => {
  it("holds deliveries above maxPerSecond in the queue instead of failing them", async () => {
    const r = await receiver();
    const { integration, type } = await subscribed(r.url, {});
    await saveWebhookConfig({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { url: r.url, enabled: true, timeoutSeconds: 5, bearerToken: null, maxPerSecond: 2 },
    });
    const events: Awaited<ReturnType<typeof ingest>>[] = [];
    for (let i = 0; i < 8; i++) events.push(await ingest(type));
    await waitFor(() => r.requests.length === 8, 20_000, "8 paced deliveries");
    const times = r.requests.map((q) => q.at).sort((a, b) => a - b);
    // Two may go at once (one second's worth), then one every 500 ms: 8 take about 3 s.
    expect(times[7] - times[0]).toBeGreaterThanOrEqual(2700);
    const perSecond = new Map<number, number>();
    for (const t of times) perSecond.set(Math.floor((t - times[0]) / 1000), (perSecond.get(Math.floor((t - times[0]) / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(3);
    for (const e of events) await waitFor(() => settled(e.id, 1), 10_000, "the outcomes");
    expect((await db.attempt.findMany({ where: { integrationId: integration.id } })).every((a) => a.status === "succeeded")).toBe(true);
  });

  it("holds deliveries above maxInFlight in the queue, across worker processes, instead of failing them", async () => {
    // A receiver that answers after 800 ms and counts the requests it holds at once.
    const counting = async () => {
      let now = 0;
      const seen = { max: 0 };
      const r = await bed.receiver((_req, res) => {
        seen.max = Math.max(seen.max, ++now);
        setTimeout(() => {
          now--;
          res.end("ok");
        }, 800);
      });
      return { r, seen };
    };
    const limited = await counting();
    const free = await counting();
    const a = await subscribed(limited.r.url, {});
    const b = await subscribed(free.r.url, {});
    await saveWebhookConfig({
      ctx: admin.ctx,
      integrationId: a.integration.id,
      input: { url: limited.r.url, enabled: true, timeoutSeconds: 5, bearerToken: null, maxInFlight: 2 },
    });
    const second = await bed.worker();
    try {
      // Ingested at once, so that the free receiver's deliveries overlap however slow the machine is.
      const events = await Promise.all(Array.from({ length: 16 }, (_, i) => ingest(i % 2 ? b.type : a.type)));
      await waitFor(() => limited.r.requests.length === 8 && free.r.requests.length === 8, 30_000, "16 deliveries");
      for (const e of events) await waitFor(() => settled(e.id, 1), 10_000, "the outcomes");
    } finally {
      await second.stop();
    }
    expect(limited.seen.max).toBe(2);
    // The same load without the limit: two workers of 8 slots send far more at once.
    expect(free.seen.max).toBeGreaterThan(2);
    const attempts = await db.attempt.findMany({ where: { integrationId: a.integration.id } });
    expect(attempts.map((x) => x.status)).toEqual(Array(8).fill("succeeded"));
  });

  it("a 429 slows that integration down: its next deliveries wait for Retry-After", async () => {
    const r = await receiver([429], { "retry-after": "2" });
    const { type } = await subscribed(r.url, {});
    await ingest(type);
    await waitFor(() => r.requests.length === 1, 15_000, "the 429");
    await new Promise((res) => setTimeout(res, 200));
    await ingest(type);
    await waitFor(() => r.requests.length === 2, 15_000, "the next delivery");
    expect(r.requests[1].at - r.requests[0].at).toBeGreaterThanOrEqual(1800);
  });
});

describe("bulk retry", () => {
  it("queues a manual retry of every failed execution matching the filters, once", async () => {
    const r = await receiver([500, 500]);
    const { integration, type } = await subscribed(r.url, { disableAfterFailures: 1000 });
    const events = [await ingest(type), await ingest(type)];
    for (const e of events) await waitFor(() => settled(e.id, 1), 15_000, "a failure");
    const { bulkRetry } = await import("@/lib/executions/bulk-retry");
    await expect(bulkRetry({ ctx: admin.ctx, input: { filters: { integrationId: integration.id } } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(bulkRetry({ ctx: triggerer.ctx, input: {} })).rejects.toMatchObject({ issues: expect.any(Array) });
    expect(await bulkRetry({ ctx: triggerer.ctx, input: { filters: { integrationId: integration.id, status: "failed" } } })).toMatchObject({
      queued: 2,
      matched: 2,
    });
    await waitFor(() => r.requests.length === 4, 15_000, "the retries");
    for (const e of events)
      await waitFor(
        async () => (await attemptsOf(e.id)).some((a) => a.kind === "manual_retry" && a.status === "succeeded"),
        10_000,
        "a retry's outcome",
      );
    const retries = await db.attempt.findMany({ where: { integrationId: integration.id, kind: "manual_retry" } });
    expect(retries.every((a) => a.triggeredById === triggerer.user.id)).toBe(true);
    expect(await bulkRetry({ ctx: triggerer.ctx, input: { filters: { integrationId: integration.id, status: "failed" } } })).toMatchObject({
      queued: 0,
    });
    expect(r.requests).toHaveLength(4);
  });

  it("retries the selected executions only, each once, and reports their progress", async () => {
    const r = await receiver([500, 500, 500]);
    const { type } = await subscribed(r.url, { disableAfterFailures: 1000 });
    const events = [await ingest(type), await ingest(type), await ingest(type), await ingest(type)];
    for (const e of events) await waitFor(() => settled(e.id, 1), 15_000, "an outcome");
    const first = async (eventId: string) => (await attemptsOf(eventId))[0];
    const [a, b, c, ok] = await Promise.all(events.map((e) => first(e.id)));
    expect([a.status, b.status, c.status, ok.status]).toEqual(["failed", "failed", "failed", "succeeded"]);
    const { bulkRetry } = await import("@/lib/executions/bulk-retry");
    const { getRetryProgress } = await import("@/lib/executions/get-retry-progress");
    await expect(bulkRetry({ ctx: admin.ctx, input: { ids: [a.id] } })).rejects.toMatchObject({ code: "forbidden" });
    // A succeeded one among the chosen is left out; c is not chosen.
    const result = await bulkRetry({ ctx: triggerer.ctx, input: { ids: [a.id, b.id, ok.id] } });
    expect(result).toMatchObject({ queued: 2, matched: 2 });
    expect(result.attemptIds).toHaveLength(2);
    const progress = await getRetryProgress({ ctx: admin.ctx, input: { ids: result.attemptIds } });
    expect(progress.total).toBe(2);
    await waitFor(
      async () => (await getRetryProgress({ ctx: admin.ctx, input: { ids: result.attemptIds } })).waiting === 0,
      15_000,
      "the retries",
    );
    expect(await getRetryProgress({ ctx: admin.ctx, input: { ids: result.attemptIds } })).toEqual({
      total: 2,
      waiting: 0,
      succeeded: 2,
      failed: 0,
    });
    expect(r.requests).toHaveLength(6);
    const retried = await db.attempt.findMany({ where: { id: { in: result.attemptIds } } });
    expect(new Set(retried.map((x) => x.messageId))).toEqual(new Set([a.messageId, b.messageId]));
    const audit = await db.auditLog.findMany({
      where: { action: "webhook.bulk_retried", actorId: triggerer.user.id },
      orderBy: { createdAt: "desc" },
      take: 1,
    });
    expect(audit[0].after).toEqual({ queued: 2, by: "selection" });
    // Choosing them again queues nothing: their latest attempt succeeded.
    expect(await bulkRetry({ ctx: triggerer.ctx, input: { ids: [a.id, b.id] } })).toMatchObject({ queued: 0 });
    await expect(getRetryProgress({ ctx: admin.ctx, input: { ids: [] } })).rejects.toMatchObject({ issues: expect.any(Array) });
  });
});
