import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, currentRequestId } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { createPortalServer, routeOf } from "./http-server";

const stream = new PassThrough();
const lines: Record<string, unknown>[] = [];
stream.on("data", (chunk: Buffer) =>
  lines.push(
    ...chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  ),
);

const server = createPortalServer({
  trustProxy: false,
  log: createLogger(stream, "debug"),
  handle: async (req, res) => {
    await new Promise((r) => setTimeout(r, 5));
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({ seen: req.headers["x-request-id"], context: currentRequestId(), forwarded: req.headers["x-forwarded-for"] ?? null }),
    );
  },
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const lineFor = async (requestId: string) => {
  await new Promise((r) => setTimeout(r, 20));
  return lines.find((l) => l.requestId === requestId && l.msg === "request");
};

describe("the portal's HTTP server", () => {
  it("gives each request an id, returns it, runs the request with it and logs one line", async () => {
    const response = await fetch(`${base}/executions/0199a1b2-c3d4-7e5f-8a9b-0123456789ab?tab=response`, {
      headers: { "x-forwarded-for": "6.6.6.6" },
    });
    const requestId = response.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ seen: requestId, context: requestId, forwarded: null });
    expect(await lineFor(requestId)).toMatchObject({ level: "info", method: "GET", route: "/executions/:id", status: 200 });
    expect((await lineFor(requestId))!.durationMs).toBeGreaterThanOrEqual(4);
  });

  it("keeps a sane incoming x-request-id and replaces one that is not", async () => {
    const kept = await fetch(`${base}/api/v1/me`, { headers: { "x-request-id": "lb-trace-0001-abcdef" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-trace-0001-abcdef");
    const replaced = await fetch(`${base}/api/v1/me`, { headers: { "x-request-id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs probes at debug level and counts every request in the HTTP histogram", async () => {
    const response = await fetch(`${base}/api/health`);
    expect(await lineFor(response.headers.get("x-request-id")!)).toMatchObject({ level: "debug", route: "/api/health" });
    const text = await metrics().registry.getSingleMetricAsString("portal_http_request_duration_seconds");
    expect(text).toMatch(/portal_http_request_duration_seconds_count\{method="GET",route="\/executions\/:id",status="200"\} 1/);
  });

  it("answers a path that is not valid UTF-8 with a JSON 400", async () => {
    const response = await fetch(`${base}/%FF`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "bad_request" } });
  });
});

describe("routeOf", () => {
  it("replaces ids and folds static files and misses into one route each", () => {
    expect(routeOf("/api/v1/integrations/0199a1b2-c3d4-7e5f-8a9b-0123456789ab/webhook", 200)).toBe("/api/v1/integrations/:id/webhook");
    expect(routeOf("/api/v1/executions/msg_2abcDEF", 200)).toBe("/api/v1/executions/:id");
    expect(routeOf("/_next/static/chunks/app.js", 200)).toBe("/_next/*");
    expect(routeOf("/wp-admin/install.php", 404)).toBe("(not found)");
  });
});
