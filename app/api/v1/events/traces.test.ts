// OpenTelemetry traces end to end: an event ingested through the portal's HTTP server and the
// real events route, fanned out to two integrations and sent by a real `npm run worker` process,
// every span exported over OTLP/HTTP to a receiver started here — one trace from the caller's
// traceparent to each delivery's queue wait and send, retries included.
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { triggerIntegration } from "@/lib/executions/trigger-integration";
import { createIntegration } from "@/lib/integrations/create-integration";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { flushTracing, startTracing, stopTracing } from "@/lib/observability/tracing";
import { createPortalServer } from "@/lib/server/http-server";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import { makeUser } from "@/lib/testing/factories";
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from "@/lib/testing/otlp-receiver";
import type { Receiver } from "@/lib/testing/receiver";
import { waitFor } from "@/lib/testing/worker-process";
import { createToken } from "@/lib/tokens/create-token";

const requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));
vi.mock("next-auth", async (original) => ({ ...(await original<object>()), getServerSession: async () => null }));

const bed = deliveryTestBed();
const BEARER = `bearer-${randomUUID()}`;
const HEADER_SECRET = `header-${randomUUID()}`;
const BODY_MARKER = `body-${randomUUID()}`;
const SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;

let otlp: OtlpReceiver;
let portal: { url: string; close: () => Promise<void> };
let admin: Awaited<ReturnType<typeof makeUser>>;

/** The portal's HTTP server in front of the real POST /api/v1/events handler. */
async function startPortal() {
  const { POST } = await import("@/app/api/v1/events/route");
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const request = new Request(`http://portal.test${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
    const response = await (POST as unknown as (r: Request, c: { params: Promise<object> }) => Promise<Response>)(request, {
      params: Promise.resolve({}),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
  const server = createPortalServer({ handle, trustProxy: false });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  otlp = await startOtlpReceiver();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = otlp.url;
  process.env.OTEL_BSP_SCHEDULE_DELAY = "50";
  expect(await startTracing("webhooks-portal")).toBe(true);
  portal = await startPortal();
  admin = await makeUser("adminTrigger");
  const { token } = await createToken({ ctx: admin.ctx, input: { name: "traces test", scopes: ["read", "events:write", "admin"] } });
  requestHeaders.set("authorization", `Bearer ${token}`);
});

afterAll(async () => {
  await stopTracing();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete process.env.OTEL_BSP_SCHEDULE_DELAY;
  await portal?.close();
  await otlp?.close();
});

async function subscribed(receiver: Receiver, type: string, sendTraceparent: boolean) {
  const integration = await createIntegration({
    ctx: admin.ctx,
    input: { name: `Traced ${randomUUID().slice(0, 8)}`, platform: "custom" },
  });
  bed.track(integration.id);
  await saveWebhookConfig({
    ctx: admin.ctx,
    integrationId: integration.id,
    input: {
      url: receiver.url,
      enabled: true,
      timeoutSeconds: 5,
      bearerToken: BEARER,
      headers: [{ name: "x-api-key", value: HEADER_SECRET }],
      sendTraceparent,
    },
  });
  const sub = await createSubscription({
    ctx: admin.ctx,
    integrationId: integration.id,
    input: { eventTypes: [type], retrySchedule: [1] },
  });
  return { integration, sub };
}

async function ingest(type: string, traceparent?: string) {
  const response = await fetch(`${portal.url}/api/v1/events`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(traceparent && { traceparent }) },
    body: JSON.stringify({ type, title: "Disk full", severity: "high", source: "monitor", details: { note: BODY_MARKER } }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; deliveriesQueued: number };
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const typeOf = (name: string) => `trace${randomUUID().replace(/-/g, "").slice(0, 8)}.${name}`;

describe("OpenTelemetry traces", () => {
  it("make one trace of an ingested event: the request, fan-out, and each delivery's queue wait and send, retries included", async () => {
    const worker = await bed.worker({ OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_BSP_SCHEDULE_DELAY: "50" });
    const type = typeOf("disk");
    const ok = await bed.receiver();
    let calls = 0;
    const flaky = await bed.receiver((_q, res) => {
      res.statusCode = calls++ === 0 ? 500 : 200;
      res.end("answered");
    });
    const a = await subscribed(ok, type, true);
    const b = await subscribed(flaky, type, false);

    const caller = { traceId: hex(16), spanId: hex(8) };
    const event = await ingest(type, `00-${caller.traceId}-${caller.spanId}-01`);
    expect(event.deliveriesQueued).toBe(2);
    await waitFor(() => ok.requests.length === 1 && flaky.requests.length === 2, 20_000, "both deliveries and the retry");

    const inTrace = () => otlp.spans.filter((s) => s.traceId === caller.traceId);
    const named = (name: string) => inTrace().filter((s) => s.name === name);
    await waitFor(
      async () => {
        await flushTracing();
        return named("webhook send").length === 3 && named("webhook queue wait").length === 3 && named("fan out").length === 1;
      },
      10_000,
      "the spans",
    );

    // The request continues the caller's trace; fan-out is its child.
    const [request] = named("POST /api/v1/events");
    expect(request).toMatchObject({ parentSpanId: caller.spanId, kind: SPAN_KIND.server, resource: { "service.name": "webhooks-portal" } });
    expect(request.attributes).toMatchObject({
      "http.request.method": "POST",
      "http.route": "/api/v1/events",
      "http.response.status_code": 201,
    });
    const [fanOut] = named("fan out");
    expect(fanOut.parentSpanId).toBe(request.spanId);
    expect(fanOut.attributes).toMatchObject({ "webhook.event.id": event.id, "webhook.event.type": type, "webhook.deliveries.queued": 2 });

    // Each attempt: a queue wait and a send, children of fan-out, exported by the worker process.
    const attempts = await db.attempt.findMany({ where: { eventId: event.id }, orderBy: [{ startedAt: "asc" }] });
    expect(attempts).toHaveLength(3);
    const sendOf = (attemptId: string) => named("webhook send").find((s) => s.attributes["webhook.attempt.id"] === attemptId)!;
    const waitOf = (attemptId: string) => named("webhook queue wait").find((s) => s.attributes["webhook.attempt.id"] === attemptId)!;
    for (const attempt of attempts) {
      const send = sendOf(attempt.id);
      const wait = waitOf(attempt.id);
      expect(send, attempt.id).toBeDefined();
      expect(wait, attempt.id).toBeDefined();
      for (const span of [send, wait]) {
        expect(span.parentSpanId).toBe(fanOut.spanId);
        expect(span.resource["service.name"]).toBe("webhooks-portal-worker");
        expect(span.attributes).toMatchObject({
          "webhook.event.id": event.id,
          "webhook.message.id": attempt.messageId,
          "webhook.integration.id": attempt.integrationId,
          "webhook.subscription.id": attempt.subscriptionId,
          "webhook.attempt.retry_number": attempt.retryNumber,
          "webhook.delivery.kind": "automatic",
        });
      }
      expect(send.kind).toBe(SPAN_KIND.client);
      expect(send.attributes).toMatchObject({ "http.request.method": "POST", "server.address": "localhost" });
      expect(send.attributes["http.response.status_code"]).toBe(attempt.responseStatus);
      expect(wait.endTimeUnixNano).toBeLessThanOrEqual(send.startTimeUnixNano);
    }
    const toB = attempts.filter((x) => x.integrationId === b.integration.id);
    expect(toB.map((x) => [x.retryNumber, x.responseStatus])).toEqual([
      [0, 500],
      [1, 200],
    ]);
    expect(sendOf(toB[0].id)).toMatchObject({
      status: { code: 2 },
      attributes: { "webhook.outcome": "http_error", "error.type": "http_error" },
    });
    expect(sendOf(toB[1].id)).toMatchObject({ status: { code: 0 }, attributes: { "webhook.outcome": "success" } });
    // The retry waited in the queue from when it was due, about a second after the failure.
    const retryWait = waitOf(toB[1].id);
    expect(Number(retryWait.startTimeUnixNano - sendOf(toB[0].id).endTimeUnixNano) / 1e9).toBeGreaterThan(0.5);

    // The receiver that asked for it got its send's span as traceparent; the other got none.
    const toA = attempts.find((x) => x.integrationId === a.integration.id)!;
    expect(ok.requests[0].headers.traceparent).toBe(`00-${caller.traceId}-${sendOf(toA.id).spanId}-01`);
    expect(flaky.requests.every((r) => r.headers.traceparent === undefined)).toBe(true);
    expect(toA.requestHeaders).toMatchObject({ traceparent: ok.requests[0].headers.traceparent });

    // The worker's delivery log lines name their send's trace and span.
    const lines = worker
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === "delivery" && l.trace_id === caller.traceId);
    expect(new Set(lines.map((l) => `${l.attemptId} ${l.span_id}`))).toEqual(
      new Set(attempts.map((x) => `${x.id} ${sendOf(x.id).spanId}`)),
    );

    // Ids and classes only: no token, header value, body or URL in any span or resource.
    const exported = JSON.stringify(inTrace().map((s) => [s.name, s.attributes, s.resource, s.status]));
    for (const secret of [BEARER, HEADER_SECRET, BODY_MARKER, ok.url, flaky.url, "/hook", "Disk full"])
      expect(exported).not.toContain(secret);
  });

  it("make a trace of a manual trigger, whose send the receiver's traceparent names", async () => {
    const r = await bed.receiver();
    const { integration } = await subscribed(r, typeOf("manual"), true);
    const { attempt } = await triggerIntegration({ ctx: admin.ctx, integrationId: integration.id, input: { mode: "default" } });
    expect(attempt.status).toBe("succeeded");
    let send: ReceivedSpan | undefined;
    await waitFor(
      async () => {
        await flushTracing();
        send = otlp.spans.find((s) => s.name === "webhook send" && s.attributes["webhook.attempt.id"] === attempt.id);
        return send !== undefined;
      },
      10_000,
      "the trigger's span",
    );
    expect(send).toMatchObject({
      parentSpanId: "",
      kind: SPAN_KIND.client,
      attributes: { "webhook.integration.id": integration.id, "webhook.delivery.kind": "initial", "http.response.status_code": 200 },
    });
    expect(r.requests[0].headers.traceparent).toBe(`00-${send!.traceId}-${send!.spanId}-01`);
  });

  it("without an OTLP endpoint, exports nothing and sends no traceparent", async () => {
    await bed.stopWorkers();
    await stopTracing();
    await bed.worker({ OTEL_EXPORTER_OTLP_ENDPOINT: "" });
    const before = otlp.requests();
    const type = typeOf("quiet");
    const r = await bed.receiver();
    await subscribed(r, type, true);
    const event = await ingest(type, `00-${hex(16)}-${hex(8)}-01`);
    await waitFor(() => r.requests.length === 1, 20_000, "the delivery");
    await new Promise((resolve) => setTimeout(resolve, 300)); // longer than the export delay the other test used
    expect(otlp.requests()).toBe(before);
    expect(r.requests[0].headers.traceparent).toBeUndefined();
    const message = await db.message.findFirstOrThrow({ where: { eventId: event.id } });
    expect(message.traceparent).toBeNull();
  });
});
