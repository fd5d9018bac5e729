import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, currentRequestId, requestContext, saneRequestId } from "./log";

const CANARY = "canary-log-secret-7d31a9";

function capture(level: "info" | "debug" = "info") {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
  return { log: createLogger(stream, level), lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("the logger", () => {
  it("writes JSON lines with level, time and the request id of the request served", async () => {
    const { log, lines } = capture();
    requestContext.run({ requestId: "req-12345678" }, () => {
      expect(currentRequestId()).toBe("req-12345678");
      log.info({ route: "/api/v1/me", status: 200 }, "request");
    });
    log.warn("outside any request");
    await new Promise((r) => setImmediate(r));
    const [inside, outside] = lines();
    expect(inside).toMatchObject({ level: "info", msg: "request", requestId: "req-12345678", route: "/api/v1/me", status: 200 });
    expect(new Date(inside.time as string).toISOString()).toBe(inside.time);
    expect(outside).toMatchObject({ level: "warn", msg: "outside any request" });
    expect(outside).not.toHaveProperty("requestId");
  });

  it("never writes a secret under a secret-looking key, at the top or one level down", async () => {
    const { log, lines } = capture();
    log.info({ authorization: `Bearer ${CANARY}`, token: CANARY, password: CANARY }, "top");
    log.info(
      { webhook: { bearerToken: CANARY, signingSecret: CANARY }, headers: { authorization: `Bearer ${CANARY}`, cookie: CANARY } },
      "nested",
    );
    log.info({ req: { headers: { authorization: CANARY } } }, "request headers");
    await new Promise((r) => setImmediate(r));
    const text = JSON.stringify(lines());
    expect(lines()).toHaveLength(3);
    expect(text).not.toContain(CANARY);
    expect(text).toContain("[redacted]");
  });

  it("keeps a sane incoming request id and refuses others", () => {
    expect(saneRequestId("3f1c2a9e-aaaa-bbbb-cccc-0123456789ab")).not.toBeNull();
    expect(saneRequestId("short")).toBeNull();
    expect(saneRequestId("has spaces in it")).toBeNull();
    expect(saneRequestId("x".repeat(129))).toBeNull();
    expect(saneRequestId("line\nbreak-injected")).toBeNull();
  });
});
