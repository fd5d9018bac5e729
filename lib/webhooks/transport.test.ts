import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseAllowedHosts } from "./address-policy";
import { deliver, type DeliveryRequest } from "./transport";

const certs = path.resolve(import.meta.dirname, "../../e2e/fixtures/certs");
const pem = (name: string) => readFileSync(path.join(certs, name), "utf8");
const loopback = parseAllowedHosts("127.0.0.1,localhost,::1");

type Received = { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string };
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type TestServer = { origin: string; port: number; received: Received[]; close(): Promise<void> };

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startServer(handler: Handler, tls?: { cert: string; key: string }, host = "127.0.0.1"): Promise<TestServer> {
  const received: Received[] = [];
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      handler(req, res);
    });
  };
  const server = tls ? createHttpsServer(tls, listener) : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const testServer: TestServer = {
    origin: `${tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(testServer);
  return testServer;
}

function request(overrides: Partial<DeliveryRequest> & { url: string }): DeliveryRequest {
  return {
    headers: { "content-type": "application/json", "user-agent": "Webhooks-Portal-Test" },
    body: '{"hello":"world"}',
    timeoutMs: 5000,
    allowedHosts: loopback,
    ...overrides,
  };
}

const answer =
  (status: number, headers: Record<string, string | string[]> = {}, body = ""): Handler =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

describe("deliver", () => {
  it("records status, headers and body of a successful answer", async () => {
    const server = await startServer(answer(200, { "x-reply": "yes", "set-cookie": ["a=1", "b=2"] }, "thanks"));
    const result = await deliver(request({ url: `${server.origin}/hooks/in?x=1`, headers: { "x-custom": "1" } }));
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      body: "thanks",
      bodyBytes: 6,
      truncated: false,
      errorClass: null,
      errorMessage: null,
      remoteAddress: "127.0.0.1",
    });
    expect(result.headers).toMatchObject({ "x-reply": "yes", "set-cookie": "a=1, b=2" });
    expect(result.durationMs).toBeGreaterThan(0);
    expect(server.received).toEqual([expect.objectContaining({ method: "POST", url: "/hooks/in?x=1", body: '{"hello":"world"}' })]);
    expect(server.received[0].headers).toMatchObject({ "x-custom": "1", host: `127.0.0.1:${server.port}` });
  });

  it("sends an empty body with content-length 0", async () => {
    const server = await startServer(answer(204));
    const result = await deliver(request({ url: server.origin, body: "" }));
    expect(result).toMatchObject({ ok: true, status: 204, body: "", bodyBytes: 0 });
    expect(server.received[0].headers["content-length"]).toBe("0");
    expect(server.received[0].body).toBe("");
  });

  it("classes a header the client refuses to send as the portal's own failure, sending nothing", async () => {
    const server = await startServer(answer(200));
    for (const headers of [{ "x-note": "€😀" }, { "x-note": "a\u2028b" }, { expect: "100-continue" }] as Record<string, string>[]) {
      const result = await deliver(request({ url: server.origin, headers }));
      expect(result, JSON.stringify(headers)).toMatchObject({ ok: false, status: null, errorClass: "internal_error" });
      expect(result.errorMessage).toContain("nothing reached the receiver");
    }
    expect(server.received).toHaveLength(0);
  });

  it("times out when the receiver never answers", async () => {
    const server = await startServer(() => {});
    const result = await deliver(request({ url: server.origin, timeoutMs: 1000 }));
    expect(result).toMatchObject({
      ok: false,
      status: null,
      errorClass: "timeout",
      errorMessage: "No complete answer within 1 s.",
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(950);
    expect(result.durationMs).toBeLessThan(2000);
  });

  it("times out when name resolution hangs", async () => {
    const resolve = () => new Promise<string[]>(() => {});
    const result = await deliver(request({ url: "https://slow-dns.example/", timeoutMs: 300, resolve }));
    expect(result).toMatchObject({ ok: false, errorClass: "timeout" });
  });

  it("reports a connection reset", async () => {
    const server = await startServer((req) => req.socket.destroy());
    const result = await deliver(request({ url: server.origin }));
    expect(result).toMatchObject({ ok: false, status: null, errorClass: "connection_reset" });
  });

  it("reports a refused connection", async () => {
    const server = await startServer(answer(200));
    await server.close();
    const result = await deliver(request({ url: server.origin }));
    expect(result).toMatchObject({ ok: false, status: null, errorClass: "connection_refused" });
  });

  it.each([
    [500, "Receiver answered 500 Internal Server Error."],
    [410, "Receiver answered 410 Gone."],
  ])("treats %i as an HTTP error and keeps the body", async (status, message) => {
    const server = await startServer(answer(status, { "content-type": "text/plain" }, "nope"));
    const result = await deliver(request({ url: server.origin }));
    expect(result).toMatchObject({ ok: false, status, errorClass: "http_error", errorMessage: message, body: "nope" });
  });

  it("does not follow redirects", async () => {
    const target = await startServer(answer(200));
    const location = `${target.origin}/elsewhere`;
    const server = await startServer(answer(302, { location }));
    const result = await deliver(request({ url: server.origin }));
    expect(result).toMatchObject({
      ok: false,
      status: 302,
      errorClass: "redirect",
      errorMessage: `Receiver redirected to ${location}; redirects are not followed.`,
      location,
    });
    expect(target.received).toEqual([]);
  });

  it("keeps the first 64 KiB of a huge answer and stops reading", async () => {
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-length": String(total) });
      const pump = () => {
        while (sent < total && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    const before = process.memoryUsage();
    const result = await deliver(request({ url: server.origin, timeoutMs: 10_000 }));
    const after = process.memoryUsage();
    expect(result).toMatchObject({ ok: true, status: 200, truncated: true, errorClass: null });
    expect(Buffer.byteLength(result.body ?? "")).toBe(65_536);
    expect(result.bodyBytes).toBeGreaterThan(65_536);
    expect(result.bodyBytes).toBeLessThan(total);
    expect(sent).toBeLessThan(total);
    expect(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers).toBeLessThan(20 * 1024 * 1024);
  });

  it("keeps a successful status when the deadline cuts the body short", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("partial");
    });
    const result = await deliver(request({ url: server.origin, timeoutMs: 500 }));
    expect(result).toMatchObject({ ok: true, status: 200, body: "partial", bodyBytes: 7, truncated: true });
    expect(result.durationMs).toBeLessThan(1500);
  });

  it("escapes invalid UTF-8 and NUL bytes in the body and marks it binary", async () => {
    const server = await startServer((_req, res) => res.end(Buffer.from([0x6f, 0x6b, 0xff, 0x00])));
    const result = await deliver(request({ url: server.origin }));
    expect(result).toMatchObject({ ok: true, body: "ok\\xff\\x00", bodyBinary: true, bodyBytes: 4 });
  });

  describe("over https", () => {
    const signedByTestCa = { cert: pem("server.pem"), key: pem("server-key.pem") };

    it("trusts a receiver whose certificate comes from an extra CA", async () => {
      const server = await startServer(answer(200, {}, "secure"), signedByTestCa);
      const byIp = await deliver(request({ url: server.origin, ca: pem("ca.pem") }));
      expect(byIp).toMatchObject({ ok: true, status: 200, body: "secure" });
      const byName = await deliver(
        request({ url: `https://localhost:${server.port}/`, ca: pem("ca.pem"), resolve: async () => ["127.0.0.1"] }),
      );
      expect(byName).toMatchObject({ ok: true, status: 200 });
      expect(server.received[1].headers.host).toBe(`localhost:${server.port}`);
    });

    it("refuses a certificate from an unknown CA", async () => {
      const server = await startServer(answer(200), signedByTestCa);
      const result = await deliver(request({ url: server.origin }));
      expect(result).toMatchObject({ ok: false, status: null, errorClass: "tls_error" });
      expect(server.received).toEqual([]);
    });

    it("refuses a self-signed certificate even with the extra CA", async () => {
      const server = await startServer(answer(200), { cert: pem("self-signed.pem"), key: pem("self-signed-key.pem") });
      const result = await deliver(request({ url: server.origin, ca: pem("ca.pem") }));
      expect(result).toMatchObject({ ok: false, errorClass: "tls_error" });
      expect(result.errorMessage).toContain("self-signed certificate");
      expect(server.received).toEqual([]);
    });

    it("refuses a certificate for another name", async () => {
      const server = await startServer(answer(200), signedByTestCa);
      const allowedHosts = parseAllowedHosts("receiver.test");
      const url = `https://receiver.test:${server.port}/`;
      const result = await deliver(request({ url, allowedHosts, ca: pem("ca.pem"), resolve: async () => ["127.0.0.1"] }));
      expect(result).toMatchObject({ ok: false, errorClass: "tls_error" });
    });
  });

  describe("address policy", () => {
    it("reports a host that does not resolve", async () => {
      const result = await deliver(request({ url: "https://does-not-exist.invalid/" }));
      expect(result).toMatchObject({ ok: false, status: null, errorClass: "dns_failure" });
    });

    it("refuses an unlisted host name that resolves to loopback without sending anything", async () => {
      const server = await startServer(answer(200));
      const url = `http://rebind.example:${server.port}/`;
      const allowedHosts = parseAllowedHosts("receiver.test");
      const result = await deliver(request({ url, allowedHosts, resolve: async () => ["127.0.0.1"] }));
      expect(result).toMatchObject({ ok: false, status: null, errorClass: "blocked_address" });
      expect(result.errorMessage).toContain("rebind.example resolves to 127.0.0.1, a loopback address");
      expect(server.received).toEqual([]);
    });

    it("refuses loopback when nothing is allowed", async () => {
      const server = await startServer(answer(200));
      const result = await deliver(request({ url: server.origin, allowedHosts: parseAllowedHosts("") }));
      expect(result).toMatchObject({ ok: false, errorClass: "blocked_address" });
      expect(server.received).toEqual([]);
    });

    it("delivers to a listed IPv6 address", async () => {
      const server = await startServer(answer(200), undefined, "::1");
      const result = await deliver(request({ url: `${server.origin}/in` }));
      expect(result).toMatchObject({ ok: true, status: 200, remoteAddress: "::1" });
    });

    it("connects only to the address resolved once, keeping the host name", async () => {
      const server = await startServer(answer(200));
      const lookups: string[] = [];
      const resolve = async (host: string) => {
        lookups.push(host);
        return ["127.0.0.1"];
      };
      const url = `http://receiver.test:${server.port}/in`;
      const result = await deliver(request({ url, allowedHosts: parseAllowedHosts("receiver.test"), resolve }));
      expect(result).toMatchObject({ ok: true, status: 200, remoteAddress: "127.0.0.1" });
      expect(lookups).toEqual(["receiver.test"]);
      expect(server.received[0].headers.host).toBe(`receiver.test:${server.port}`);
    });
  });
});
