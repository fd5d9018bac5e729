import { readFileSync } from "node:fs";
import { request as playwrightRequest } from "@playwright/test";
import { E2E } from "./fixtures/config";
import { expect, test } from "./fixtures/portal";

/** The JSON lines the portal wrote on stdout (the server log also holds the start-up banner). */
const logLines = () =>
  readFileSync(E2E.serverLog, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

test("probes, request ids and metrics, as a load balancer and Prometheus see them", async ({ adminApi }) => {
  const anonymous = await playwrightRequest.newContext({ baseURL: E2E.baseURL });

  const health = await anonymous.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });
  const ready = await anonymous.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({
    status: "ready",
    checks: { database: { ok: true }, migrations: { ok: true }, worker: { state: "running" } },
  });

  // A sane incoming request id is kept, returned and logged (Vitest checks the audit row and attempt).
  const requestId = `e2e-${Date.now()}-trace`;
  const created = await adminApi.post("/api/v1/integrations", {
    data: { name: `Ops ${Date.now()}`, platform: "custom" },
    headers: { "x-request-id": requestId },
  });
  expect(created.status()).toBe(201);
  expect(created.headers()["x-request-id"]).toBe(requestId);
  await expect
    .poll(() => logLines().find((l) => l.requestId === requestId && l.msg === "request"))
    .toMatchObject({ method: "POST", route: "/api/v1/integrations", status: 201 });
  const generated = (await anonymous.get("/api/health", { headers: { "x-request-id": "bad id <script>" } })).headers()["x-request-id"];
  expect(generated).toMatch(/^[0-9a-f-]{36}$/);

  // /metrics needs the token; with it, Prometheus text with the request just made.
  expect((await anonymous.get("/metrics")).status()).toBe(401);
  expect((await anonymous.get("/metrics", { headers: { authorization: "Bearer not-the-token-000000" } })).status()).toBe(401);
  expect((await adminApi.get("/metrics")).status()).toBe(401);
  const scraped = await anonymous.get("/metrics", { headers: { authorization: `Bearer ${E2E.serverEnv.PORTAL_METRICS_TOKEN}` } });
  expect(scraped.status()).toBe(200);
  const text = await scraped.text();
  expect(text).toMatch(/portal_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/integrations",status="201"\} \d+/);
  expect(text).toMatch(/portal_queue_depth\{state="queued"\} \d+/);
  expect(text).toMatch(/portal_worker_concurrency [1-9]/);
  expect(text).toContain("process_resident_memory_bytes");
  await anonymous.dispose();
});
