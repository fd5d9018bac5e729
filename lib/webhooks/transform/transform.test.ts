import { describe, expect, it } from "vitest";
import { parseAllowedHosts } from "../address-policy";
import { TRANSFORM_LIMITS } from "./limits";
import { transformRequest, type RequestToTransform, type TransformOutcome } from "./transform-request";

const request: RequestToTransform = {
  eventType: "order.paid",
  body: JSON.stringify({ type: "order.paid", data: { id: "ord_1", amount: 42, customer: { email: "a@example.com" } } }),
  url: "https://hooks.example.com/in",
  method: "POST",
  headers: { "content-type": "application/json", "user-agent": "Portal/1.0" },
};
const allowedHosts = parseAllowedHosts(undefined);
let counter = 0;
const run = (code: string, over: Partial<RequestToTransform> = {}) =>
  transformRequest({ key: `test-${++counter}`, code, request: { ...request, ...over }, allowedHosts });

function failed(outcome: TransformOutcome) {
  if (outcome.kind !== "failed") throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe("transformRequest", () => {
  it("reshapes the payload, adds a header, changes the method and the URL's path", async () => {
    const outcome = await run(`function handler(webhook) {
      const { id, amount } = webhook.payload.data;
      webhook.payload = { id, amount, type: webhook.eventType };
      webhook.headers["x-event"] = webhook.eventType;
      webhook.method = "PUT";
      webhook.url = webhook.url + "/" + webhook.eventType;
      return webhook;
    }`);
    expect(outcome).toEqual({
      kind: "transformed",
      body: JSON.stringify({ id: "ord_1", amount: 42, type: "order.paid" }),
      overrides: { method: "PUT", url: "https://hooks.example.com/in/order.paid", headers: { "x-event": "order.paid" } },
    });
  });

  it("sends the body unchanged when the handler changes nothing, and a string payload as it is", async () => {
    expect(await run("function handler(w) { return w }")).toEqual({ kind: "transformed", body: request.body, overrides: {} });
    expect(await run("function handler(w) { w.payload = 'plain text' }")).toMatchObject({ body: "plain text" });
    expect(await run("function handler(w) { w.payload = null; return w }")).toMatchObject({ body: "" });
  });

  it("a flat array for Make", async () => {
    const outcome = await run("function handler(w) { w.payload = [w.payload.data]; return w }");
    expect(outcome).toMatchObject({ body: JSON.stringify([{ id: "ord_1", amount: 42, customer: { email: "a@example.com" } }]) });
  });

  it("cancel = true sends nothing", async () => {
    expect(await run("function handler(w) { if (w.payload.data.amount < 100) w.cancel = true; return w }")).toEqual({ kind: "cancelled" });
  });

  it("reports an exception with its line and column", async () => {
    const error = failed(await run("function handler(w) {\n  const x = w.payload.missing;\n  return x.deeper;\n}"));
    expect(error).toMatchObject({ kind: "exception", line: 3, column: expect.any(Number) });
    expect(error.message).toMatch(/TypeError: cannot read property 'deeper' of undefined/);
  });

  it("reports a syntax error with its line", async () => {
    const error = failed(await run("function handler(w) {\n  return w +;\n}"));
    expect(error).toMatchObject({ kind: "syntax", line: 2 });
  });

  it("asks for a handler when there is none", async () => {
    expect(failed(await run("const x = 1;")).message).toMatch(/Define function handler/);
  });
});

describe("the sandbox refuses abuse and keeps running", () => {
  it("stops an infinite loop after the CPU limit", async () => {
    const started = performance.now();
    const error = failed(await run("function handler(w) {\n  while (true) {}\n}"));
    expect(error.kind).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(TRANSFORM_LIMITS.cpuMs + 500);
  });

  it("stops an infinite loop at the top level too", async () => {
    expect(failed(await run("for (;;) {}\nfunction handler(w) { return w }")).kind).toBe("timeout");
  });

  it("stops a memory bomb", async () => {
    const error = failed(
      await run("function handler(w) {\n  let s = 'x';\n  const keep = [];\n  for (;;) { s = s + s; keep.push(s); }\n}"),
    );
    expect(["memory", "timeout"]).toContain(error.kind);
    if (error.kind === "memory") expect(error.message).toMatch(/memory/);
  });

  it("stops deep recursion", async () => {
    const error = failed(await run("function down(n) { return down(n + 1) + 1 }\nfunction handler(w) { return down(0) }"));
    expect(error).toMatchObject({ kind: "exception", message: expect.stringMatching(/recursion|stack/) });
  });

  it("refuses a body larger than the limit", async () => {
    const error = failed(await run("function handler(w) { w.payload = 'x'.repeat(300 * 1024); return w }"));
    expect(error).toMatchObject({ kind: "output", message: expect.stringMatching(/at most 256 KiB/) });
  });

  it("keeps prototype tricks on the input inside the sandbox", async () => {
    const outcome = await run(`function handler(w) {
      w.__proto__.polluted = true;
      Object.prototype.cancel = true;
      JSON.parse = () => ({ hijacked: true });
      return JSON.parse('{"__proto__": {"admin": true}}');
    }`);
    // Object.prototype.cancel is not an own property: the host sees only what JSON carries.
    expect(failed(outcome).message).toMatch(/not valid/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(({} as Record<string, unknown>).cancel).toBeUndefined();
  });

  it.each([
    ["Function", "function handler(w) { return Function('return 1')() }"],
    ["a function's constructor", "function handler(w) { return handler.constructor('return 1')() }"],
    ["an async function's constructor", "function handler(w) { return (async function () {}).constructor('return 1')() }"],
    ["eval", "function handler(w) { return eval('w') }"],
    ["indirect eval", "function handler(w) { return (0, globalThis.eval)('w') }"],
  ])("refuses %s", async (_, code) => {
    expect(failed(await run(code)).message).toMatch(/not available in a transformation/);
  });

  it("refuses import, static and dynamic", async () => {
    expect(failed(await run("import fs from 'fs';\nfunction handler(w) { return w }")).kind).toBe("syntax");
    expect(failed(await run("function handler(w) { import('fs'); return w }")).message).toMatch(/synchronously/);
    expect(failed(await run("async function handler(w) { return w }")).message).toMatch(/Promise/);
  });

  it("has no Node, no network and no timers", async () => {
    const outcome = await run(`function handler(w) {
      w.payload = ["process", "require", "module", "Buffer", "fetch", "XMLHttpRequest", "setTimeout", "setInterval", "queueMicrotask", "WebAssembly", "std", "os", "console"]
        .filter((name) => typeof globalThis[name] !== "undefined");
      return w;
    }`);
    expect(outcome).toMatchObject({ kind: "transformed", body: "[]" });
    expect(failed(await run("function handler(w) { return process.env }")).message).toMatch(/ReferenceError: .process. is not defined/);
    expect(failed(await run("function handler(w) { return require('fs') }")).message).toMatch(/ReferenceError: .require. is not defined/);
  });

  it.each([
    "webhook-signature",
    "Webhook-Id",
    "authorization",
    "Content-Length",
    "host",
    "transfer-encoding",
    "connection",
    "x-hub-signature-256",
  ])("refuses to set the protected header %s", async (name) => {
    const error = failed(await run(`function handler(w) { w.headers[${JSON.stringify(name)}] = "forged"; return w }`));
    expect(error.message).toMatch(/protected/);
  });

  it("refuses a header with a line break", async () => {
    expect(failed(await run(`function handler(w) { w.headers["x-a"] = "1\\r\\nx-b: 2"; return w }`)).message).toMatch(/line breaks/i);
  });

  it.each([
    "https://127.0.0.1/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://[::1]/",
    "http://localhost:3000/",
    "https://10.0.0.5/",
  ])("refuses a URL to the private address %s", async (url) => {
    const error = failed(await run(`function handler(w) { w.url = ${JSON.stringify(url)}; return w }`));
    expect(error.message).toMatch(/cannot be used/);
  });

  it("refuses a method other than POST or PUT", async () => {
    expect(failed(await run("function handler(w) { w.method = 'DELETE'; return w }")).message).toMatch(/POST or PUT/);
  });

  it("still runs the next transformation after every failure", async () => {
    expect(await run("function handler(w) { w.payload = { ok: true }; return w }")).toMatchObject({ body: '{"ok":true}' });
  });

  it("keeps a compiled context per key: the same key runs again without recompiling", async () => {
    const code = "let runs = 0;\nfunction handler(w) { runs++; w.payload = runs; return w }";
    const key = "version-kept";
    const first = await transformRequest({ key, code, request, allowedHosts });
    const second = await transformRequest({ key, code, request, allowedHosts });
    expect([first, second]).toMatchObject([{ body: "1" }, { body: "2" }]);
  });
});
