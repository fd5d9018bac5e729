// Transformations end to end: saved through the verbs (audited, versioned), applied to events
// ingested through the verb and sent by a real `npm run worker` process to a real receiver, which
// verifies the signature over the body it got; by hand too (trigger, test send, retry, preview).
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Dispatcher } from "@/lib/delivery/dispatch";
import { createEvent } from "@/lib/events/create-event";
import { previewTrigger } from "@/lib/executions/preview-trigger";
import { retryExecution } from "@/lib/executions/retry-execution";
import { sendTestWebhook } from "@/lib/executions/send-test-webhook";
import { triggerIntegration } from "@/lib/executions/trigger-integration";
import { createIntegration } from "@/lib/integrations/create-integration";
import { revealSigningSecret } from "@/lib/integrations/reveal-signing-secret";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { auditRowsFor, makeUser } from "@/lib/testing/factories";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import { waitFor } from "@/lib/testing/worker-process";
import { getTransformation } from "./get-transformation";
import { removeTransformation } from "./remove-transformation";
import { restoreTransformation, saveTransformation } from "./save-transformation";
import { testTransformation } from "./test-transformation";

const bed = deliveryTestBed();
let admin: Awaited<ReturnType<typeof makeUser>>;
let member: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  admin = await makeUser("adminTrigger");
  member = await makeUser("trigger");
});

/** n8n wants three fields at the top level. */
const N8N = `function handler(webhook) {
  const event = webhook.payload.data.event;
  webhook.payload = { id: event.id, type: webhook.eventType, region: event.details.region };
  webhook.headers["x-event-type"] = webhook.eventType;
  return webhook;
}`;

const typeOf = (name: string) => `tf${randomUUID().replace(/-/g, "").slice(0, 8)}.${name}`;

async function integrationWithReceiver(eventTypes: string[] = []) {
  const r = await bed.receiver();
  const integration = await createIntegration({ ctx: admin.ctx, input: { name: `Tf ${randomUUID().slice(0, 8)}`, platform: "n8n" } });
  bed.track(integration.id);
  await saveWebhookConfig({ ctx: admin.ctx, integrationId: integration.id, input: { url: r.url, enabled: true, timeoutSeconds: 5 } });
  if (eventTypes.length > 0) await createSubscription({ ctx: admin.ctx, integrationId: integration.id, input: { eventTypes } });
  const { secret } = await revealSigningSecret({ ctx: admin.ctx, integrationId: integration.id });
  return { r, integration, secret };
}

const ingest = (type: string, details: Record<string, unknown> = { region: "eu" }) =>
  createEvent({ ctx: admin.ctx, input: { type, title: "Order paid", severity: "high", source: "shop", details } });

describe("saving, restoring and removing", () => {
  it("versions the code, audits each change with its diff, and restores an earlier version", async () => {
    const { integration } = await integrationWithReceiver();
    const first = await saveTransformation({ ctx: admin.ctx, integrationId: integration.id, input: { code: N8N } });
    expect(first.current).toMatchObject({ version: 1, code: N8N, createdByEmail: admin.user.email });
    const changed = N8N.replace('"x-event-type"', '"x-type"');
    const second = await saveTransformation({ ctx: admin.ctx, integrationId: integration.id, input: { code: changed } });
    expect(second.current?.version).toBe(2);
    expect(second.versions.map((v) => v.version)).toEqual([2, 1]);

    const restored = await restoreTransformation({ ctx: admin.ctx, integrationId: integration.id, input: { version: 1 } });
    expect(restored.current).toMatchObject({ version: 3, code: N8N });
    const removed = await removeTransformation({ ctx: admin.ctx, integrationId: integration.id });
    expect(removed.current).toBeNull();
    expect(removed.versions).toHaveLength(3);

    const audit = (await auditRowsFor(integration.id)).filter((a) => a.action.startsWith("transformation."));
    expect(audit.map((a) => a.action)).toEqual([
      "transformation.saved",
      "transformation.saved",
      "transformation.restored",
      "transformation.removed",
    ]);
    expect((audit[1].after as { diff: string }).diff).toBe(
      `-  webhook.headers["x-event-type"] = webhook.eventType;\n+  webhook.headers["x-type"] = webhook.eventType;`,
    );
    expect(audit[2].after).toMatchObject({ version: 3, restoredFrom: 1 });
  });

  it("refuses code that does not compile, with its line, and a member", async () => {
    const { integration } = await integrationWithReceiver();
    await expect(
      saveTransformation({ ctx: admin.ctx, integrationId: integration.id, input: { code: "function handler(w) {\n  return w +;\n}" } }),
    ).rejects.toMatchObject({ code: "validation_failed", fieldErrors: { code: [expect.stringMatching(/line 2/)] } });
    await expect(saveTransformation({ ctx: member.ctx, integrationId: integration.id, input: { code: N8N } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(getTransformation({ ctx: member.ctx, integrationId: integration.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(testTransformation({ ctx: member.ctx, integrationId: integration.id, input: { code: N8N } })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await getTransformation({ ctx: admin.ctx, integrationId: integration.id })).versions).toEqual([]);
  });
});

describe("a subscription's own transformation", () => {
  it("wins over the integration's for the deliveries it causes; removed, the integration's applies again", async () => {
    const type = typeOf("paid");
    const { integration } = await integrationWithReceiver([type]);
    const [sub] = await db.subscription.findMany({ where: { integrationId: integration.id } });
    const other = await createSubscription({ ctx: admin.ctx, integrationId: integration.id, input: { eventTypes: [type] } });
    await saveTransformation({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { code: "function handler(w) { w.payload = 'integration'; return w }" },
    });
    const own = await saveTransformation({
      ctx: admin.ctx,
      subscriptionId: sub.id,
      input: { code: "function handler(w) { w.payload = 'subscription'; return w }" },
    });
    expect(own).toMatchObject({ integrationId: integration.id, subscriptionId: sub.id, current: { version: 1 } });
    // The integration's versions and the subscription's are numbered apart.
    expect((await getTransformation({ ctx: admin.ctx, integrationId: integration.id })).versions).toHaveLength(1);

    const bodies = async (eventId: string) =>
      Object.fromEntries(
        (await db.attempt.findMany({ where: { eventId }, select: { subscriptionId: true, message: { select: { body: true } } } })).map(
          (a) => [a.subscriptionId, a.message.body],
        ),
      );
    const first = await ingest(type);
    expect(await bodies(first.id)).toEqual({ [sub.id]: "subscription", [other.id]: "integration" });

    await removeTransformation({ ctx: admin.ctx, subscriptionId: sub.id });
    const second = await ingest(type);
    expect(await bodies(second.id)).toEqual({ [sub.id]: "integration", [other.id]: "integration" });
    const tested = await testTransformation({ ctx: admin.ctx, subscriptionId: sub.id, input: {} });
    expect(tested.request?.body).toBe("integration");

    const audit = (await auditRowsFor(integration.id)).filter((a) => a.action.startsWith("transformation."));
    expect(audit.map((a) => [a.action, (a.after as { subscriptionId?: string }).subscriptionId ?? null])).toEqual([
      ["transformation.saved", null],
      ["transformation.saved", sub.id],
      ["transformation.removed", sub.id],
    ]);
    await expect(saveTransformation({ ctx: member.ctx, subscriptionId: sub.id, input: { code: N8N } })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("the test bench", () => {
  it("shows the exact request a past event would produce, signed over the transformed body", async () => {
    const { integration, secret } = await integrationWithReceiver();
    const event = await ingest(typeOf("paid"));
    const result = await testTransformation({ ctx: admin.ctx, integrationId: integration.id, input: { code: N8N, eventId: event.id } });
    expect(result.outcome).toBe("transformed");
    expect(JSON.parse(result.request!.body)).toEqual({ id: event.id, type: event.type, region: "eu" });
    const headers = Object.fromEntries(result.request!.headers.map((h) => [h.name, h.value]));
    expect(headers["x-event-type"]).toBe(event.type);
    expect(new Webhook(secret).verify(result.request!.body, headers)).toEqual({ id: event.id, type: event.type, region: "eu" });
    // Nothing was saved or sent.
    expect((await getTransformation({ ctx: admin.ctx, integrationId: integration.id })).current).toBeNull();
  });

  it("runs on an event type's example before any event of it is chosen", async () => {
    const { integration } = await integrationWithReceiver();
    const event = await ingest(typeOf("shipped"), { region: "apac", parcel: 7 });
    const result = await testTransformation({ ctx: admin.ctx, integrationId: integration.id, input: { code: N8N, exampleOf: event.type } });
    expect(result.outcome).toBe("transformed");
    expect(JSON.parse(result.request!.body)).toMatchObject({ type: event.type, region: "apac" });
    await expect(
      testTransformation({ ctx: admin.ctx, integrationId: integration.id, input: { code: N8N, exampleOf: "never.seen" } }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("shows the error with its line, and a cancellation", async () => {
    const { integration } = await integrationWithReceiver();
    const failed = await testTransformation({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { code: "function handler(webhook) {\n  return webhook.payload.nope.deeper;\n}" },
    });
    expect(failed).toMatchObject({ outcome: "failed", request: null, error: { kind: "exception", line: 2 } });
    const cancelled = await testTransformation({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { code: "function handler(w) { w.cancel = true; return w }" },
    });
    expect(cancelled).toMatchObject({ outcome: "cancelled", request: null });
  });
});

describe("sending", () => {
  it("automatic deliveries carry the transformed body and headers to the changed path, signed over that body; a retry resends it", async () => {
    await bed.worker();
    const type = typeOf("paid");
    const { r, integration, secret } = await integrationWithReceiver([type]);
    await saveTransformation({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { code: N8N.replace("return webhook;", "webhook.url = webhook.url.replace(/\\/?$/, '/orders');\n  return webhook;") },
    });
    const event = await ingest(type);
    expect(event.deliveriesQueued).toBe(1);
    await waitFor(() => r.requests.length === 1, 20_000, "the transformed delivery");
    const [received] = r.requests;
    expect(received.url).toMatch(/\/orders$/);
    expect(received.headers["x-event-type"]).toBe(type);
    expect(new Webhook(secret).verify(received.body, received.headers)).toEqual({ id: event.id, type, region: "eu" });

    const attempt = await db.attempt.findFirstOrThrow({ where: { eventId: event.id, integrationId: integration.id } });
    await waitFor(
      async () => (await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })).status === "succeeded",
      10_000,
      "success",
    );
    const recorded = await db.attempt.findUniqueOrThrow({ where: { id: attempt.id }, include: { message: true } });
    expect(recorded.message.body).toBe(received.body); // the body is stored once, on the message
    expect(recorded.requestUrl).toMatch(/\/orders$/);
    expect((recorded.requestHeaders as Record<string, string>)["x-event-type"]).toBe(type);

    // The code changes; a retry of the earlier message still resends what was recorded.
    await saveTransformation({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { code: "function handler(w) { w.payload = 'changed'; return w }" },
    });
    await retryExecution({ ctx: admin.ctx, attemptId: attempt.id });
    expect(r.requests).toHaveLength(2);
    expect(r.requests[1].body).toBe(received.body);
    expect(r.requests[1].url).toBe(received.url);
    expect(new Webhook(secret).verify(r.requests[1].body, r.requests[1].headers)).toEqual({ id: event.id, type, region: "eu" });
  });

  it("records a cancelled delivery as skipped and a failing one as transform_error, sends neither, and keeps the worker running", async () => {
    await bed.worker();
    const type = typeOf("paid");
    const { r, integration } = await integrationWithReceiver([type]);
    await saveTransformation({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: {
        code: `function handler(webhook) {
  const region = webhook.payload.data.event.details.region;
  if (region === "us") webhook.cancel = true;
  if (region === "loop") while (true) {}
  if (region === "bomb") { let s = "x"; for (;;) s += s; }
  return webhook;
}`,
      },
    });
    const cancelled = await ingest(type, { region: "us" });
    const looping = await ingest(type, { region: "loop" });
    const bomb = await ingest(type, { region: "bomb" });
    const fine = await ingest(type, { region: "eu" });
    expect([cancelled, looping, bomb, fine].map((e) => e.deliveriesQueued)).toEqual([0, 0, 0, 1]);
    await waitFor(() => r.requests.length === 1, 20_000, "the one delivery that passes");
    expect(JSON.parse(r.requests[0].body).data.event.id).toBe(fine.id);

    const outcome = async (eventId: string) =>
      db.attempt.findFirstOrThrow({
        where: { eventId, integrationId: integration.id },
        select: { status: true, errorClass: true, errorMessage: true },
      });
    expect(await outcome(cancelled.id)).toEqual({
      status: "skipped",
      errorClass: "transform_cancelled",
      errorMessage: "Cancelled by the transformation: nothing was sent.",
    });
    expect(await outcome(looping.id)).toMatchObject({
      status: "failed",
      errorClass: "transform_error",
      errorMessage: expect.stringMatching(/50 ms/),
    });
    expect(await outcome(bomb.id)).toMatchObject({ status: "failed", errorClass: "transform_error" });
  });

  it("never sends the untransformed body of a message the transformation failed on: a retry by hand runs the fixed code, a worker skips it", async () => {
    const type = typeOf("paid");
    const { r, integration, secret } = await integrationWithReceiver([type]);
    await saveTransformation({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { code: "function handler(w) { return w.payload.nope.deeper }" },
    });
    const event = await ingest(type);
    const failedAttempt = await db.attempt.findFirstOrThrow({ where: { eventId: event.id, integrationId: integration.id } });
    expect(failedAttempt).toMatchObject({ status: "failed", errorClass: "transform_error" });

    // A recover queues the message again: the worker's function skips it, nothing is sent.
    const queued = await db.attempt.create({
      data: {
        messageId: failedAttempt.messageId,
        integrationId: integration.id,
        integrationName: failedAttempt.integrationName,
        mode: failedAttempt.mode,
        eventId: event.id,
        kind: "automatic",
        subscriptionId: failedAttempt.subscriptionId,
        status: "queued",
        timeoutSeconds: 5,
        requestMethod: "POST",
        requestUrl: r.url,
        requestHeaders: {},
      },
    });
    const dispatcher = new Dispatcher(2);
    await dispatcher.handle([{ id: "recovered", data: { attemptIds: [queued.id] } }]);
    await dispatcher.drain(10_000);
    expect(await db.attempt.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
      status: "skipped",
      errorMessage: expect.stringMatching(/transformation failed on or cancelled/),
    });
    expect(r.requests).toHaveLength(0);

    // Fixed, then retried by hand: the fixed transformation's body goes out, signed.
    await saveTransformation({ ctx: admin.ctx, integrationId: integration.id, input: { code: N8N } });
    const retried = await retryExecution({ ctx: admin.ctx, attemptId: failedAttempt.id });
    expect(retried.status).toBe("succeeded");
    expect(r.requests).toHaveLength(1);
    expect(new Webhook(secret).verify(r.requests[0].body, r.requests[0].headers)).toEqual({ id: event.id, type, region: "eu" });
  });

  it("applies to triggers, test sends and previews by hand; a URL to a private address is refused and recorded", async () => {
    const { r, integration, secret } = await integrationWithReceiver();
    await saveTransformation({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { code: "function handler(w) { w.payload = { flat: [w.eventType] }; return w }" },
    });
    const event = await ingest(typeOf("paid"));

    const preview = await previewTrigger({ ctx: admin.ctx, integrationId: integration.id, input: { mode: "event", eventId: event.id } });
    expect(preview.body).toBe(JSON.stringify({ flat: [event.type] }));
    const triggered = await triggerIntegration({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { mode: "event", eventId: event.id },
    });
    expect(triggered.attempt.status).toBe("succeeded");
    expect(new Webhook(secret).verify(r.requests.at(-1)!.body, r.requests.at(-1)!.headers)).toEqual({ flat: [event.type] });
    const test = await sendTestWebhook({ ctx: admin.ctx, integrationId: integration.id });
    expect(test.status).toBe("succeeded");
    expect(r.requests.at(-1)!.body).toBe(JSON.stringify({ flat: [null] }));

    await saveTransformation({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { code: "function handler(w) { w.url = 'https://169.254.169.254/latest/meta-data'; return w }" },
    });
    const before = r.requests.length;
    const refused = await triggerIntegration({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { mode: "event", eventId: event.id },
    });
    expect(refused.attempt).toMatchObject({ status: "failed", errorClass: "transform_error" });
    expect(refused.attempt.errorMessage).toMatch(/link-local/);
    const refusedPreview = await previewTrigger({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { mode: "event", eventId: event.id },
    });
    expect(refusedPreview.transformation).toMatchObject({ outcome: "failed" });
    expect(r.requests.length).toBe(before);
  });
});
