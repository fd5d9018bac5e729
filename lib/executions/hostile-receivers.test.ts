// Receivers that misbehave on purpose, on loopback: no HTTP mocks. Every case is one attempt with
// the right class, and the bearer token (the canary) is never stored, in any form.
import { randomUUID } from "node:crypto";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createIntegration } from "@/lib/integrations/create-integration";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { makeUser } from "@/lib/testing/factories";
import { startReceiver, type Handler, type ReceivedRequest, type Receiver } from "@/lib/testing/receiver";
import { triggerIntegration } from "./trigger-integration";

// Upper case (header names arrive lower-cased) and a "+" (percent-encoded in a URL).
const CANARY = "Canary+tok-9f3e2a7b1c5d8e";
const CANARY_FORMS = [CANARY, CANARY.toLowerCase(), encodeURIComponent(CANARY), CANARY.slice(0, 12), CANARY.slice(0, 12).toLowerCase()];
const KEPT = 65_536;

let admin: Awaited<ReturnType<typeof makeUser>>;
let triggerer: Awaited<ReturnType<typeof makeUser>>;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  admin = await makeUser("admin");
  triggerer = await makeUser("trigger");
});
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

async function receiver(handler: Handler): Promise<string> {
  const r: Receiver = await startReceiver(handler);
  closers.push(r.close);
  return r.url;
}

/**
 * A receiver speaking raw bytes: once a whole request has arrived, it writes `answer` (given the
 * request's text) and closes. For answers Node's HTTP server refuses to produce.
 */
async function rawReceiver(answer: (request: string) => Buffer | string): Promise<string> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let received = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const text = received.toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/content-length:\s*(\d+)/i.exec(text.slice(0, end))?.[1] ?? 0);
      if (received.length < end + 4 + length) return;
      socket.end(answer(text));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return `http://localhost:${(server.address() as AddressInfo).port}/hook`;
}

async function triggerAt(url: string) {
  const integration = await createIntegration({
    ctx: admin.ctx,
    input: { name: `Hostile ${randomUUID().slice(0, 8)}`, platform: "custom" },
  });
  await saveWebhookConfig({
    ctx: admin.ctx,
    integrationId: integration.id,
    input: { url, enabled: true, timeoutSeconds: 5, bearerToken: CANARY },
  });
  const { attempt } = await triggerIntegration({ ctx: triggerer.ctx, integrationId: integration.id, input: { mode: "default" } });
  const stored = await db.attempt.findMany({ where: { integrationId: integration.id } });
  expect(stored).toHaveLength(1);
  const text = JSON.stringify(stored[0]);
  for (const form of CANARY_FORMS) expect(text).not.toContain(form);
  return { attempt, stored: stored[0] };
}

describe("a receiver echoing the bearer token", () => {
  it("in a redirect's Location, in clear and percent-encoded", async () => {
    const url = await receiver((q, res) => {
      const token = q.headers.authorization!.slice("Bearer ".length);
      res.writeHead(302, { location: `http://localhost:1/?t=${token}&u=${encodeURIComponent(token)}` }).end();
    });
    const { attempt } = await triggerAt(url);
    expect(attempt).toMatchObject({ status: "failed", errorClass: "redirect" });
    expect(attempt.errorMessage).toBe("Receiver redirected to http://localhost:1/?t=••••5d8e&u=••••5d8e; redirects are not followed.");
    expect(attempt.response?.headers.location).toBe("http://localhost:1/?t=••••5d8e&u=••••5d8e");
  });

  it("in a header name and value", async () => {
    const url = await receiver((q, res) => {
      const token = q.headers.authorization!.slice("Bearer ".length);
      res.setHeader(`x-${token}`, token);
      res.end("ok");
    });
    const { attempt } = await triggerAt(url);
    expect(attempt).toMatchObject({ status: "succeeded", errorClass: null });
    expect(attempt.response?.headers["x-••••5d8e"]).toBe("••••5d8e");
  });

  it("across the 64 KiB cut of the body", async () => {
    const url = await receiver((q, res) => res.end(`${"x".repeat(KEPT - 12)}${q.headers.authorization!.slice("Bearer ".length)} and more`));
    const { attempt } = await triggerAt(url);
    expect(attempt).toMatchObject({ status: "succeeded", response: { truncated: true } });
    expect(attempt.response?.body).toBe(`${"x".repeat(KEPT - 12)}••••`);
  });

  it("in the body, whole", async () => {
    const url = await receiver((q, res) => res.end(`you sent ${q.headers.authorization}`));
    const { attempt } = await triggerAt(url);
    expect(attempt.response?.body).toBe("you sent Bearer ••••5d8e");
  });
});

describe("a receiver echoing secrets encoded", () => {
  const SLASHY = "Tok/With/Slash+Plus==SECRETA";
  const QUOTED = 'Tok"With<&>Quote\\SECRETB';
  const HEADER_VALUE = 'hdr"Value/With\\SECRETC';
  const b64 = (t: string) => Buffer.from(t).toString("base64");
  const jsonU = (t: string) => Array.from(t, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
  const html = (t: string) => Array.from(t, (c) => `&#${c.codePointAt(0)};`).join("");
  const named = (t: string) => t.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const echoes: [string, string, (secret: string) => string][] = [
    ["JSON-escaped with \\/", SLASHY, (t) => JSON.stringify({ token: t }).replace(/\//g, "\\/")],
    ["as \\u escapes", SLASHY, (t) => `{"token":"${jsonU(t)}"}`],
    ["as ordinary JSON, quotes and backslashes escaped", QUOTED, (t) => JSON.stringify({ token: t })],
    ["percent-encoded", SLASHY, (t) => `token=${encodeURIComponent(t).toLowerCase()}`],
    ["as decimal HTML entities", SLASHY, (t) => `<p>${html(t)}</p>`],
    ["as named HTML entities", QUOTED, (t) => `<p>${named(t)}</p>`],
    ["base64-encoded", SLASHY, (t) => b64(t)],
    ["base64url-encoded", SLASHY, (t) => Buffer.from(t).toString("base64url")],
    ["as Basic auth of user:token", SLASHY, (t) => `Basic ${b64(`user:${t}`)}`],
  ];

  async function echoing(token: string, echo: (request: ReceivedRequest) => { body: string; headers?: Record<string, string> }) {
    const url = await receiver((q, res, received) => {
      const { body, headers = {} } = echo(received);
      res.writeHead(200, headers).end(body);
    });
    const integration = await createIntegration({
      ctx: admin.ctx,
      input: { name: `Echo ${randomUUID().slice(0, 8)}`, platform: "custom" },
    });
    await saveWebhookConfig({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { url, enabled: true, timeoutSeconds: 5, bearerToken: token, headers: [{ name: "X-Api-Key", value: HEADER_VALUE }] },
    });
    await triggerIntegration({ ctx: triggerer.ctx, integrationId: integration.id, input: { mode: "default" } });
    const [stored] = await db.attempt.findMany({ where: { integrationId: integration.id } });
    expect(stored).toMatchObject({ status: "succeeded" });
    return stored;
  }

  for (const [name, token, encode] of echoes) {
    it(`the bearer token ${name}, in the body and a header`, async () => {
      const stored = await echoing(token, (q) => {
        const echoed = encode(q.headers.authorization.slice("Bearer ".length));
        return { body: `before ${echoed} after`, headers: { "x-echo": echoed.replace(/[^\x21-\x7e]/g, "") } };
      });
      const text = JSON.stringify(stored);
      expect(text).not.toContain("SECRET");
      expect(text).not.toContain(encode(token).slice(8, 16));
      expect(stored.responseBody).toMatch(/^before .*••••.* after$/);
      expect((stored.responseHeaders as Record<string, string>)["x-echo"]).toContain("••••");
    });
  }

  it("a custom header value echoed in JSON", async () => {
    const stored = await echoing(SLASHY, (q) => ({ body: JSON.stringify({ received: q.headers }) }));
    expect(JSON.stringify(stored)).not.toMatch(/SECRET[ABC]/);
    expect(JSON.parse(stored.responseBody!).received).toMatchObject({ "x-api-key": "••••RETC", authorization: "Bearer ••••RETA" });
  });

  it("the encoded start of the token where the 64 KiB cut falls", async () => {
    const stored = await echoing(SLASHY, (q) => ({ body: `${"x".repeat(KEPT - 30)}${jsonU(q.headers.authorization.slice(7))}` }));
    expect(stored.responseBody).toMatch(/^x+••••$/);
  });
});

describe("a receiver answering bytes that are not text", () => {
  it("a NUL in a 200 body: recorded as succeeded, the body escaped and marked binary", async () => {
    const url = await receiver((_q, res) => res.end(Buffer.from([0x62, 0x69, 0x6e, 0x00, 0x01, 0xff])));
    const { attempt, stored } = await triggerAt(url);
    expect(attempt).toMatchObject({
      status: "succeeded",
      errorClass: null,
      response: { status: 200, body: "bin\\x00\\x01\\xff", binary: true, bodyBytes: 6 },
    });
    expect(stored.finishedAt).not.toBeNull();
  });

  it("invalid UTF-8 in an error body: kept byte for byte, escaped", async () => {
    const url = await receiver((_q, res) => {
      res.statusCode = 500;
      res.end(Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x5c]));
    });
    const { attempt } = await triggerAt(url);
    expect(attempt).toMatchObject({
      status: "failed",
      errorClass: "http_error",
      response: { status: 500, body: "\\xc3(\\xa0\\xa1\\\\", binary: true },
    });
  });

  it("a text body stays text", async () => {
    const url = await receiver((_q, res) => res.end("ünïcode ✓"));
    const { attempt } = await triggerAt(url);
    expect(attempt.response).toMatchObject({ body: "ünïcode ✓", binary: false });
  });
});

describe("a receiver that does not speak HTTP properly: a protocol error, its fault", () => {
  const cases: [string, (request: string) => Buffer | string][] = [
    ["not HTTP at all", () => "SSH-2.0-OpenSSH_9.6\r\n"],
    ["a broken status line", () => "HTTP/1.1 2x0 OK\r\ncontent-length: 0\r\n\r\n"],
    ["a NUL in a header value", () => "HTTP/1.1 200 OK\r\nx-bad: a\0b\r\ncontent-length: 0\r\n\r\n"],
    [
      "a header name with the token and a space",
      (q) => `HTTP/1.1 200 OK\r\nx ${/authorization: Bearer (\S+)/i.exec(q)![1]}: 1\r\ncontent-length: 0\r\n\r\n`,
    ],
    ["1 MB of headers", () => `HTTP/1.1 200 OK\r\n${"x-filler: ".concat("f".repeat(1000), "\r\n").repeat(1024)}content-length: 0\r\n\r\n`],
    [
      "1 MB of headers echoing the token",
      (q) => `HTTP/1.1 200 OK\r\n${`x-echo: ${/authorization: Bearer (\S+)/i.exec(q)![1]}\r\n`.repeat(40_000)}content-length: 0\r\n\r\n`,
    ],
  ];
  for (const [name, answer] of cases) {
    it(name, async () => {
      const { attempt } = await triggerAt(await rawReceiver(answer));
      expect(attempt).toMatchObject({ status: "failed", errorClass: "protocol_error", response: null });
      expect(attempt.errorMessage).toMatch(/^The receiver sent /);
    });
  }
});
