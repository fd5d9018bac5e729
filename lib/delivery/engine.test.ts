// What batching makes new in the delivery engine: a worker killed with a batch claimed (some
// requests sent, some not), outcome writes that fail and are written again, and a policy changed
// between a claim and its outcome. Real worker processes, real receivers, the real queue.
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEvent } from "@/lib/events/create-event";
import { createIntegration } from "@/lib/integrations/create-integration";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { updateSubscription } from "@/lib/subscriptions/update-subscription";
import type { CreateSubscriptionInput } from "@/lib/subscriptions/schemas";
import { makeUser } from "@/lib/testing/factories";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import { waitFor } from "@/lib/testing/worker-process";
import { uuidv7 } from "@/lib/ids";
import { newMessageId } from "@/lib/webhooks/signing";
import type { DeliveryResult } from "@/lib/webhooks/types";
import { markInterruptedAttempts } from "./mark-interrupted";
import { OutcomeBuffer, writeOutcomes, type Outcome, type OutcomeWrite, type RecordedOutcome } from "./outcomes";

const bed = deliveryTestBed();
let admin: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  admin = await makeUser("admin");
});

async function subscribed(url: string, subscription: CreateSubscriptionInput, timeoutSeconds = 5) {
  const integration = await createIntegration({
    ctx: admin.ctx,
    input: { name: `Engine ${randomUUID().slice(0, 8)}`, platform: "custom" },
  });
  bed.track(integration.id);
  await saveWebhookConfig({
    ctx: admin.ctx,
    integrationId: integration.id,
    input: { url, enabled: true, timeoutSeconds, bearerToken: null },
  });
  const sub = await createSubscription({ ctx: admin.ctx, integrationId: integration.id, input: { retrySchedule: null, ...subscription } });
  return { integration, sub };
}

const typeOf = (name: string) => `engine${randomUUID().replace(/-/g, "").slice(0, 8)}.${name}`;
const ingest = (type: string, title = "Something happened") =>
  createEvent({ ctx: admin.ctx, input: { type, title, severity: "high", source: "monitor", details: {} } });

describe("the delivery engine", () => {
  it("a worker killed with a batch claimed: what it sent ends interrupted, what it had not claimed is sent once by another", async () => {
    await bed.stopWorkers();
    const type = typeOf("batch");
    let hang = true;
    const held: ServerResponse[] = [];
    const r = await bed.receiver((_req, res) => (hang ? held.push(res) : res.end("ok")));
    await subscribed(r.url, { eventTypes: [type], retrySchedule: [] }, 5);
    for (let i = 0; i < 6; i++) await ingest(type, `Batch ${i}`);

    // Four slots (three for one integration): the worker fetches a batch, claims and sends some,
    // and holds the rest unclaimed or puts them off; it dies with requests in flight.
    const doomed = await bed.worker({ PORTAL_WORKER_CONCURRENCY: "4" });
    await waitFor(() => r.requests.length >= 2, 20_000, "requests in flight");
    await doomed.stop("SIGKILL");
    hang = false;
    for (const res of held) res.destroy();
    const sentByDead = new Set(r.requests.map((q) => q.headers["webhook-id"]));

    // The jobs the dead worker held unclaimed are offered again once they expire (timeout + 15 s);
    // what it had claimed is closed by the sweep once its timeout has passed.
    await bed.worker();
    await waitFor(
      async () => {
        await markInterruptedAttempts({ marginSeconds: 0 });
        const attempts = await db.attempt.findMany({ where: { requestUrl: r.url } });
        return attempts.length === 6 && attempts.every((a) => a.status === "succeeded" || a.status === "interrupted");
      },
      90_000,
      "every attempt finished",
    );
    await new Promise((res) => setTimeout(res, 1000)); // a duplicate would arrive now
    const ids = r.requests.map((q) => q.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(ids.length); // nothing sent twice
    const attempts = await db.attempt.findMany({ where: { requestUrl: r.url }, include: { message: true } });
    for (const a of attempts) {
      const received = ids.filter((id) => id === a.message.id).length;
      if (a.status === "succeeded") {
        // Sent once, by the other worker.
        expect(received).toBe(1);
        expect(sentByDead.has(a.message.id)).toBe(false);
      } else {
        // Claimed by the dead worker: sent by it (once) or not at all, and never again.
        expect(a.status).toBe("interrupted");
        expect(received).toBeLessThanOrEqual(1);
      }
    }
    // Everything the dead worker sent is interrupted, and it claimed at most its three slots.
    for (const id of sentByDead) expect(attempts.find((a) => a.message.id === id)?.status).toBe("interrupted");
    expect(attempts.filter((a) => a.status === "interrupted").length).toBeLessThanOrEqual(3);
    expect(attempts.filter((a) => a.status === "succeeded").length).toBeGreaterThanOrEqual(3);
    expect(await db.deliveryClaim.count({ where: { attemptId: { in: attempts.map((a) => a.id) } } })).toBe(0);
  }, 180_000);

  it("a policy changed between the claim and the outcome: the outcome takes the subscription as it is then", async () => {
    await bed.stopWorkers();
    await bed.worker();
    const type = typeOf("policy");
    let release: (() => void) | null = null;
    const r = await bed.receiver((_req, res) => {
      release = () => res.writeHead(503).end("down");
    });
    const { sub } = await subscribed(r.url, { eventTypes: [type], retrySchedule: [60], disableAfterFailures: 1 });
    await ingest(type);
    await waitFor(() => release !== null, 20_000, "the request in flight");
    // While the request is out, an admin removes the retry schedule and raises the threshold.
    await updateSubscription({ ctx: admin.ctx, id: sub.id, input: { retrySchedule: [], disableAfterFailures: 5 } });
    release!();
    await waitFor(
      async () => (await db.attempt.findFirst({ where: { subscriptionId: sub.id } }))?.policyAppliedAt != null,
      20_000,
      "the outcome and its policy",
    );
    const attempts = await db.attempt.findMany({ where: { subscriptionId: sub.id } });
    expect(attempts).toHaveLength(1); // no retry scheduled: the schedule is gone
    expect(attempts[0]).toMatchObject({ status: "failed", responseStatus: 503, nextRetryAt: null });
    const after = await db.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(after).toMatchObject({ enabled: true, consecutiveFailures: 1 }); // counted against the new threshold of 5
  }, 60_000);
});

describe("outcome batches", () => {
  /** Queued automatic attempts of a fresh subscription, claimed as a worker would. */
  async function claimedAttempts(n: number) {
    const r = await bed.receiver();
    const { integration, sub } = await subscribed(r.url, { eventTypes: [typeOf("never")] });
    await db.subscription.update({ where: { id: sub.id }, data: { consecutiveFailures: 2 } });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const messageId = newMessageId();
      const id = uuidv7();
      await db.message.create({ data: { id: messageId, integrationId: integration.id, integrationName: "x", mode: "event", body: "{}" } });
      await db.attempt.create({
        data: {
          id,
          messageId,
          integrationId: integration.id,
          integrationName: "x",
          mode: "event",
          kind: "automatic",
          subscriptionId: sub.id,
          status: "queued",
          timeoutSeconds: 5,
          requestUrl: r.url,
          requestHeaders: {},
        },
      });
      await db.deliveryClaim.create({ data: { attemptId: id, integrationId: integration.id, timeoutSeconds: 5 } });
      ids.push(id);
    }
    return { ids, sub };
  }

  const ok = (body: string | null = "fine"): DeliveryResult => ({
    ok: true,
    status: 200,
    headers: { "content-type": "text/plain" },
    body,
    bodyBinary: false,
    bodyBytes: body?.length ?? 0,
    truncated: false,
    durationMs: 12.4,
    errorClass: null,
    errorMessage: null,
  });
  const outcome = (attemptId: string, result = ok()): Outcome => ({
    attemptId,
    sentAt: new Date(),
    finishedAt: new Date(),
    requestUrl: "http://localhost/hook",
    requestMethod: "POST",
    requestHeaders: { "webhook-id": "msg_x" },
    timeoutSeconds: 5,
    result,
  });

  it("keeps outcomes whose write fails (the database away) and writes each once when it answers", async () => {
    const { ids, sub } = await claimedAttempts(5);
    let refusals = 3;
    const writes: number[] = [];
    const flaky: OutcomeWrite = async (batch) => {
      if (refusals-- > 0) throw Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
      writes.push(batch.length);
      return writeOutcomes(batch);
    };
    const written: RecordedOutcome[] = [];
    const buffer = new OutcomeBuffer({ write: flaky, onWritten: (recorded) => void written.push(...recorded) });
    for (const id of ids) buffer.add(outcome(id));
    await buffer.drain();
    expect(buffer.size).toBe(0);
    expect(writes.reduce((a, b) => a + b, 0)).toBe(5); // each written once, after three refused tries
    expect(written.map((w) => w.id).sort()).toEqual([...ids].sort());
    const attempts = await db.attempt.findMany({ where: { id: { in: ids } } });
    expect(attempts.every((a) => a.status === "succeeded" && a.responseBody === "fine" && a.policyAppliedAt !== null)).toBe(true);
    expect(await db.deliveryClaim.count({ where: { attemptId: { in: ids } } })).toBe(0);
    // A success resets the failures in a row, in the same statement.
    expect((await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).consecutiveFailures).toBe(0);
  });

  it("writes an outcome the database refuses for its content without that content, and the rest of its batch as they are", async () => {
    const { ids } = await claimedAttempts(3);
    const buffer = new OutcomeBuffer({ onWritten: () => {} });
    buffer.add(outcome(ids[0]));
    buffer.add(outcome(ids[1], ok("nul \u0000 byte"))); // text PostgreSQL cannot store
    buffer.add(outcome(ids[2]));
    await buffer.drain();
    const byId = new Map((await db.attempt.findMany({ where: { id: { in: ids } } })).map((a) => [a.id, a]));
    expect(byId.get(ids[0])).toMatchObject({ status: "succeeded", responseBody: "fine" });
    expect(byId.get(ids[1])).toMatchObject({ status: "succeeded", responseBody: null, responseHeaders: null });
    expect(byId.get(ids[2])).toMatchObject({ status: "succeeded", responseBody: "fine" });
  });

  it("leaves an attempt the interrupted sweep closed meanwhile as the sweep left it", async () => {
    const { ids } = await claimedAttempts(1);
    await db.attempt.update({ where: { id: ids[0] }, data: { status: "interrupted", finishedAt: new Date() } });
    const recorded = await writeOutcomes([outcome(ids[0])]);
    expect(recorded).toHaveLength(0);
    expect((await db.attempt.findUniqueOrThrow({ where: { id: ids[0] } })).status).toBe("interrupted");
  });
});
