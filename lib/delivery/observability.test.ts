// What operators see of a delivery: its log line, its metrics, and the request id that caused it
// on the attempt and its audit row. Against a real receiver and the real /metrics route handler.
import { randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { triggerIntegration } from "@/lib/executions/trigger-integration";
import { createIntegration } from "@/lib/integrations/create-integration";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { createLogger, requestContext, useLogger } from "@/lib/log";
import { metricsResponse } from "@/lib/metrics/endpoint";
import { makeUser } from "@/lib/testing/factories";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";

const CANARY = "canary-bearer-0b5e11";
const METRICS_TOKEN = "metrics-token-for-tests-1234";
const lines: Record<string, unknown>[] = [];
const raw: string[] = [];
let receiver: Receiver;

beforeAll(async () => {
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => {
    raw.push(chunk.toString());
    lines.push(
      ...chunk
        .toString()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    );
  });
  useLogger(createLogger(stream, "debug"));
  receiver = await startReceiver((_q, res) => {
    res.statusCode = 503;
    res.end(`no thanks`);
  });
});
afterAll(() => receiver.close());

async function failingIntegration() {
  const admin = await makeUser("admin");
  const integration = await createIntegration({ ctx: admin.ctx, input: { name: `Obs ${randomUUID().slice(0, 8)}`, platform: "custom" } });
  await saveWebhookConfig({
    ctx: admin.ctx,
    integrationId: integration.id,
    input: { url: receiver.url, enabled: true, timeoutSeconds: 5, bearerToken: CANARY },
  });
  return integration;
}

/** What GET /metrics answers (app/metrics/route.ts passes the Authorization header on). */
const scrape = (authorization?: string) => metricsResponse(authorization ?? null);

describe("a delivery, seen by operators", () => {
  it("records the request id on the attempt and its audit row, and logs the outcome without secrets", async () => {
    const integration = await failingIntegration();
    const { ctx } = await makeUser("trigger");
    const requestId = `req-${randomUUID()}`;
    const { attempt: view } = await requestContext.run({ requestId }, () =>
      triggerIntegration({ ctx: { ...ctx, requestId }, integrationId: integration.id, input: { mode: "default" } }),
    );
    const attempt = await db.attempt.findUniqueOrThrow({ where: { id: view.id } });
    expect(attempt).toMatchObject({ status: "failed", requestId });
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: attempt.id } });
    expect(audit.requestId).toBe(requestId);

    const line = lines.find((l) => l.msg === "delivery" && l.attemptId === attempt.id);
    expect(line).toMatchObject({
      level: "warn",
      requestId,
      integrationId: integration.id,
      kind: "initial",
      outcome: "http_error",
      responseStatus: 503,
    });
    expect(typeof line!.durationMs).toBe("number");
    expect(raw.join("")).not.toContain(CANARY);
  });

  it("GET /metrics is off without PORTAL_METRICS_TOKEN, refuses a wrong token, and serves Prometheus text", async () => {
    const config = env();
    config.PORTAL_METRICS_TOKEN = undefined;
    expect((await scrape(`Bearer ${METRICS_TOKEN}`)).status).toBe(404);
    config.PORTAL_METRICS_TOKEN = METRICS_TOKEN;
    try {
      const refused = await scrape("Bearer wrong-token-0000000000");
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: "unauthorized" } });
      expect((await scrape()).status).toBe(401);

      const integration = await failingIntegration();
      const { ctx } = await makeUser("trigger");
      await triggerIntegration({ ctx, integrationId: integration.id, input: { mode: "default" } });
      const response = await scrape(`Bearer ${METRICS_TOKEN}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/plain");
      const text = await response.text();
      expect(text).toContain(
        `portal_deliveries_total{integration_id="${integration.id}",integration_name="${integration.name}",kind="initial",outcome="http_error"} 1`,
      );
      expect(text).toMatch(/portal_delivery_duration_seconds_bucket\{le="\+Inf",kind="initial",outcome="http_error"\} \d+/);
      expect(text).toMatch(/portal_queue_depth\{state="queued"\} \d+/);
      expect(text).toMatch(/portal_queue_oldest_due_age_seconds \d+/);
      expect(text).toContain("portal_worker_concurrency 0");
      expect(text).toContain("portal_worker_deliveries_in_flight 0");
      expect(text).toContain("process_cpu_seconds_total");
      expect(text).not.toContain(CANARY);
    } finally {
      config.PORTAL_METRICS_TOKEN = undefined;
    }
  });
});

describe("a worker process's own metrics endpoint", () => {
  it("serves this process's figures behind the same token", async () => {
    const { serveWorkerMetrics } = await import("@/lib/metrics/endpoint");
    const config = env();
    config.PORTAL_METRICS_TOKEN = METRICS_TOKEN;
    const server = await serveWorkerMetrics(0, "127.0.0.1");
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/other`)).status).toBe(404);
      const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain("portal_worker_deliveries_in_flight");
      expect(text).toContain("portal_deliveries_total");
    } finally {
      config.PORTAL_METRICS_TOKEN = undefined;
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
