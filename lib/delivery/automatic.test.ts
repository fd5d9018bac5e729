// Automatic deliveries end to end: events ingested through the verb, jobs in the real pg-boss
// queue, sent by real `npm run worker` processes to real receivers on loopback.
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEvent } from "@/lib/events/create-event";
import type { CreateEventInput } from "@/lib/events/schemas";
import { listExecutions } from "@/lib/executions/list-executions";
import { createIntegration } from "@/lib/integrations/create-integration";
import { revealSigningSecret } from "@/lib/integrations/reveal-signing-secret";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { updateSubscription } from "@/lib/subscriptions/update-subscription";
import type { CreateSubscriptionInput } from "@/lib/subscriptions/schemas";
import { makeUser } from "@/lib/testing/factories";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import { waitFor } from "@/lib/testing/worker-process";
import { markInterruptedAttempts } from "./mark-interrupted";

const bed = deliveryTestBed();
const { receiver, worker } = bed;
let admin: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  admin = await makeUser("admin");
});

async function subscribed(
  url: string,
  subscription: CreateSubscriptionInput,
  webhook: { enabled?: boolean; timeoutSeconds?: number } = {},
) {
  const integration = await createIntegration({ ctx: admin.ctx, input: { name: `Auto ${randomUUID().slice(0, 8)}`, platform: "custom" } });
  bed.track(integration.id);
  await saveWebhookConfig({
    ctx: admin.ctx,
    integrationId: integration.id,
    input: { url, enabled: webhook.enabled ?? true, timeoutSeconds: webhook.timeoutSeconds ?? 5, bearerToken: "auto-token-1234" },
  });
  const sub = await createSubscription({ ctx: admin.ctx, integrationId: integration.id, input: { retrySchedule: null, ...subscription } });
  const { secret } = await revealSigningSecret({ ctx: admin.ctx, integrationId: integration.id });
  return { integration, sub, secret };
}

/** A unique type per test, so subscriptions of other tests (and files) never match. */
const typeOf = (name: string) => `auto${randomUUID().replace(/-/g, "").slice(0, 8)}.${name}`;

const ingest = (input: Partial<CreateEventInput> & { type: string }) =>
  createEvent({
    ctx: admin.ctx,
    input: { title: "Something happened", severity: "high", source: "monitor", details: { region: "eu" }, ...input },
  });

describe("automatic deliveries", () => {
  it("delivers a matching event once, signed, and skips what does not match", async () => {
    await worker();
    const family = typeOf("opened").split(".")[0];
    const r = await receiver();
    const other = await receiver();
    const { integration, sub, secret } = await subscribed(r.url, {
      eventTypes: [`${family}.*`],
      minSeverity: "high",
      filter: { "details.region": { $in: ["eu", "us"] } },
    });
    const { integration: quiet } = await subscribed(other.url, { eventTypes: [`${family}.closed`] });

    const event = await ingest({ type: `${family}.opened`, details: { region: "eu", n: 1 } });
    expect(event.deliveriesQueued).toBe(1);
    expect((await ingest({ type: `${family}.opened`, severity: "low" })).deliveriesQueued).toBe(0);
    expect((await ingest({ type: `${family}.opened`, details: { region: "apac" } })).deliveriesQueued).toBe(0);

    await waitFor(() => r.requests.length === 1, 20_000, "the delivery");
    const [received] = r.requests;
    const payload = new Webhook(secret).verify(received.body, received.headers) as {
      type: string;
      data: { event: { id: string }; triggeredBy: null; subscription: { id: string } };
    };
    expect(payload.type).toBe(`${family}.opened`);
    expect(payload.data.event.id).toBe(event.id);
    expect(payload.data.triggeredBy).toBeNull();
    expect(payload.data.subscription.id).toBe(sub.id);
    expect(received.headers.authorization).toBe("Bearer auto-token-1234");

    await waitFor(
      async () => (await db.attempt.findFirst({ where: { eventId: event.id } }))?.status === "succeeded",
      10_000,
      "the outcome",
    );
    const page = await listExecutions({ ctx: admin.ctx, query: { kind: "automatic", subscriptionId: sub.id } });
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({
      integrationId: integration.id,
      kind: "automatic",
      triggeredBy: null,
      subscriptionId: sub.id,
      status: "succeeded",
      eventId: event.id,
    });
    expect(page.data[0].sentAt).not.toBeNull();
    const recorded = await db.attempt.findFirstOrThrow({ where: { eventId: event.id } });
    expect(JSON.stringify(recorded.requestHeaders)).not.toContain("auto-token-1234");
    expect(other.requests).toHaveLength(0);
    expect(await db.attempt.count({ where: { integrationId: quiet.id } })).toBe(0);
  });

  it("records a disabled subscription's matches as skipped, nothing for a disabled webhook, and skips what was disabled after queuing", async () => {
    const type = typeOf("changed");
    const r = await receiver();
    const { sub } = await subscribed(r.url, { eventTypes: [type], enabled: false });
    const { integration: off } = await subscribed(r.url, { eventTypes: [type] }, { enabled: false });
    const first = await ingest({ type });
    expect(first).toMatchObject({ deliveriesQueued: 0, deliveriesSkipped: 1 });
    const [skippedRow] = await db.attempt.findMany({ where: { eventId: first.id } });
    expect(skippedRow).toMatchObject({ subscriptionId: sub.id, status: "skipped", errorClass: "disabled", sentAt: null });
    expect(await db.attempt.count({ where: { integrationId: off.id } })).toBe(0);

    // Queued while enabled, disabled before any worker runs: recorded as skipped, nothing sent.
    const r2 = await receiver();
    const late = await subscribed(r2.url, { eventTypes: [type] });
    await bed.stopWorkers();
    const event = await ingest({ type });
    expect(event.deliveriesQueued).toBe(1);
    await updateSubscription({ ctx: admin.ctx, id: late.sub.id, input: { enabled: false } });
    await worker();
    await waitFor(async () => (await db.attempt.findFirst({ where: { eventId: event.id } }))?.status === "skipped", 20_000, "the skip");
    const attempt = await db.attempt.findFirstOrThrow({ where: { eventId: event.id } });
    expect(attempt).toMatchObject({ errorClass: "disabled", sentAt: null });
    expect(attempt.errorMessage).toContain("subscription was disabled");
    expect(r2.requests).toHaveLength(0);
    expect(sub.enabled).toBe(false);
  });

  it("keeps 1,000 deliveries queued while no worker runs; two workers then send each exactly once", async () => {
    await bed.stopWorkers();
    const type = typeOf("burst");
    const r = await receiver();
    await subscribed(r.url, { eventTypes: [type], mode: "default" });
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => ingest({ type, title: `Burst ${i + j}` })));
    }
    expect(await db.attempt.count({ where: { status: "queued", requestUrl: r.url } })).toBe(1000);
    expect(r.requests).toHaveLength(0);

    await Promise.all([worker(), worker()]);
    await waitFor(() => r.requests.length >= 1000, 60_000, "1,000 deliveries");
    await new Promise((res) => setTimeout(res, 1000)); // a duplicate would arrive now
    const ids = r.requests.map((q) => q.headers["webhook-id"]);
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    await waitFor(
      async () => (await db.attempt.count({ where: { requestUrl: r.url, status: "succeeded" } })) === 1000,
      20_000,
      "1,000 outcomes",
    );
  }, 120_000);

  it("a worker killed mid-send leaves the attempt interrupted and sent once; the other worker sends the rest", async () => {
    await bed.stopWorkers();
    const type = typeOf("slow");
    const slow = await receiver(() => {}); // never answers: the delivery is in flight when the worker dies
    const fast = await receiver();
    await subscribed(slow.url, { eventTypes: [type] }, { timeoutSeconds: 2 });
    await subscribed(fast.url, { eventTypes: [type] });

    const doomed = await worker({ PORTAL_WORKER_CONCURRENCY: "1" });
    const event = await ingest({ type });
    expect(event.deliveriesQueued).toBe(2);
    await waitFor(() => slow.requests.length === 1 || fast.requests.length === 1, 20_000, "the first send");
    // The single-slot worker took one; whichever it was, kill it while busy, then start another.
    if (fast.requests.length === 1 && slow.requests.length === 0) await waitFor(() => slow.requests.length === 1, 20_000, "the slow send");
    await doomed.stop("SIGKILL");
    await worker();

    await waitFor(() => fast.requests.length === 1, 30_000, "the fast delivery");
    // The dead worker's job expires (timeout + margin) and is offered again: it must not resend.
    await waitFor(
      async () => {
        await markInterruptedAttempts({ marginSeconds: 0 });
        const a = await db.attempt.findFirst({ where: { eventId: event.id, requestUrl: slow.url } });
        return a?.status === "interrupted";
      },
      30_000,
      "the interrupted mark",
    );
    // The job was done once the dead worker claimed the attempt (or, if the kill came before the
    // queue recorded that, it expires, is offered again and completed by the other worker, which
    // finds the attempt claimed and sends nothing).
    const slowAttempt = await db.attempt.findFirstOrThrow({ where: { eventId: event.id, requestUrl: slow.url } });
    await waitFor(
      async () => {
        const [job] = await db.$queryRaw<{ state: string }[]>`
        SELECT state FROM pgboss.job WHERE data->'attemptIds' ? ${slowAttempt.id}`;
        return job?.state === "completed";
      },
      60_000,
      "the job to be completed",
    );
    expect(slow.requests).toHaveLength(1);
    expect(fast.requests).toHaveLength(1);
    await waitFor(
      async () =>
        (await db.attempt.findMany({ where: { eventId: event.id } }))
          .map((a) => a.status)
          .sort()
          .join() === "interrupted,succeeded",
      10_000,
      "one attempt interrupted, the other succeeded",
    );
  }, 120_000);
});
