import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readProxySettings } from "@/lib/webhook-settings";
import { freePort, startTinyproxy, type Tinyproxy } from "@/lib/testing/tinyproxy";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";
import { readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { connect, createServer, type AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import path from "node:path";
import { parseAllowedHosts } from "./address-policy";
import { parseProxy, proxyFor, type ProxySettings } from "./proxy-settings";
import { isPortalSideFailure, isRetryable } from "./retry-policy";
import { deliver, type DeliveryRequest } from "./transport";

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, "../../e2e/fixtures/certs", name), "utf8");
const ca = fixture("ca.pem");
const loopback = parseAllowedHosts("127.0.0.1,localhost");
const through = (proxyUrl: string, noProxy = ""): ProxySettings => {
  const proxy = parseProxy(proxyUrl, noProxy);
  return { https: proxy, http: proxy };
};
const request = (url: string, proxy: ProxySettings, overrides: Partial<DeliveryRequest> = {}): DeliveryRequest => ({
  url,
  headers: { "content-type": "application/json", "webhook-id": "msg_proxy" },
  body: '{"through":"proxy"}',
  timeoutMs: 5_000,
  allowedHosts: loopback,
  ca,
  proxy,
  ...overrides,
});

describe("which proxy a webhook goes through", () => {
  it("PORTAL_WEBHOOK_PROXY wins over HTTPS_PROXY, with its own no-proxy list", () => {
    const settings = readProxySettings({
      PORTAL_WEBHOOK_PROXY: "http://user:p%40ss@portal-proxy.internal:3128",
      PORTAL_WEBHOOK_NO_PROXY: "receiver.internal",
      HTTPS_PROXY: "http://other-proxy.internal:8080",
      NO_PROXY: "example.com",
    });
    const proxy = proxyFor(settings, new URL("https://hooks.example.com/in"));
    expect(proxy?.url.host).toBe("portal-proxy.internal:3128");
    expect(proxy?.url.href).not.toContain("p%40ss");
    expect(proxy?.authorization).toBe(`Basic ${Buffer.from("user:p@ss").toString("base64")}`);
    expect(proxyFor(settings, new URL("http://api.receiver.internal/in"))).toBeNull();
  });

  it("HTTPS_PROXY and HTTP_PROXY apply by the target's scheme when the portal's own is unset", () => {
    const settings = readProxySettings({
      HTTPS_PROXY: "http://tls-proxy:1",
      http_proxy: "http://plain-proxy:2",
      no_proxy: ".corp, 10.0.0.0/8, *.svc:8443",
    });
    expect(proxyFor(settings, new URL("https://a.example/"))?.url.host).toBe("tls-proxy:1");
    expect(proxyFor(settings, new URL("http://a.example/"))?.url.host).toBe("plain-proxy:2");
    expect(proxyFor(settings, new URL("https://x.corp/"))).toBeNull();
    expect(proxyFor(settings, new URL("https://10.1.2.3/"))).toBeNull();
    expect(proxyFor(settings, new URL("https://11.1.2.3/"))).not.toBeNull();
    expect(proxyFor(settings, new URL("https://db.svc:8443/"))).toBeNull();
    expect(proxyFor(settings, new URL("https://db.svc/"))).not.toBeNull();
    expect(readProxySettings({})).toEqual({ https: null, http: null });
    expect(proxyFor(readProxySettings({ HTTPS_PROXY: "http://p:1", NO_PROXY: "*" }), new URL("https://a.example/"))).toBeNull();
  });
});

describe("a proxy failure", () => {
  it("is retried, and never counts towards disabling the receiver's subscription", () => {
    const failure = { status: "failed", errorClass: "proxy_error", responseStatus: null };
    expect(isRetryable(failure)).toBe(true);
    expect(isPortalSideFailure(failure)).toBe(true);
  });
});

describe("deliver through Debian's tinyproxy", () => {
  let open: Tinyproxy;
  let guarded: Tinyproxy;
  const receivers: Receiver[] = [];
  beforeAll(async () => {
    // One after the other: should the second fail to start, the first is already assigned and stopped after.
    open = await startTinyproxy();
    guarded = await startTinyproxy({ user: "portal", password: "s3cr3tpw" });
  }, 180_000);
  afterAll(async () => {
    await Promise.all([open?.stop(), guarded?.stop()]);
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  const receiver = async (tls?: "trusted") => {
    const r = await startReceiver((_q, res) => res.end("taken"), { tls });
    receivers.push(r);
    return r;
  };

  it("sends a plain http webhook to the proxy in absolute form", async () => {
    const r = await receiver();
    const result = await deliver(request(`http://127.0.0.1:${r.port}/plain?x=1`, through(open.url)));
    expect(result).toMatchObject({ ok: true, status: 200, body: "taken", errorClass: null, remoteAddress: null });
    expect(r.requests[0]).toMatchObject({ method: "POST", url: "/plain?x=1", body: '{"through":"proxy"}' });
    expect(r.requests[0].headers["webhook-id"]).toBe("msg_proxy");
    await open.waitForLog(new RegExp(`Request .*: POST http://127\\.0\\.0\\.1:${r.port}/plain\\?x=1 HTTP/1\\.1`));
  });

  it("reaches an https receiver through a CONNECT tunnel, checking its certificate end to end", async () => {
    const r = await receiver("trusted");
    const result = await deliver(request(`https://localhost:${r.port}/secure`, through(open.url)));
    expect(result).toMatchObject({ ok: true, status: 200, body: "taken" });
    expect(r.requests).toHaveLength(1);
    await open.waitForLog(new RegExp(`Request .*: CONNECT localhost:${r.port} HTTP/1\\.1`));

    // The tunnel carries TLS end to end: a receiver asking for a client certificate gets it.
    const mutual = await startReceiver((_q, res) => res.end("taken"), { tls: "trusted", requireClientCertificate: true });
    receivers.push(mutual);
    const clientCertificate = { cert: fixture("client.pem"), key: fixture("client-key.pem") };
    const withCertificate = await deliver(request(`https://localhost:${mutual.port}/mtls`, through(open.url), { clientCertificate }));
    expect(withCertificate).toMatchObject({ ok: true, status: 200 });
    expect(mutual.requests.map((q) => q.clientSubject)).toEqual(["portal-client"]);
    const without = await deliver(request(`https://localhost:${mutual.port}/mtls`, through(open.url)));
    expect(without).toMatchObject({
      ok: false,
      errorClass: "tls_error",
      errorMessage: expect.stringContaining("requires a client certificate"),
    });

    // Without the test CA the receiver's certificate is not trusted.
    const untrusted = await deliver(request(`https://localhost:${r.port}/secure`, through(open.url), { ca: undefined }));
    expect(untrusted).toMatchObject({ ok: false, errorClass: "tls_error" });
    expect(r.requests).toHaveLength(1);
  });

  it("authenticates to a proxy that asks for credentials, and says so when they are missing", async () => {
    const r = await receiver("trusted");
    const anonymous = guarded.url.replace(/\/\/[^@]+@/, "//");
    const refused = await deliver(request(`https://localhost:${r.port}/`, through(anonymous)));
    expect(refused).toMatchObject({ ok: false, status: null, errorClass: "proxy_error" });
    expect(refused.errorMessage).toContain("407 Proxy Authentication Required");
    const refusedPlain = await deliver(request(`http://127.0.0.1:${r.port}/`, through(anonymous)));
    expect(refusedPlain).toMatchObject({ ok: false, errorClass: "proxy_error" });
    expect(r.requests).toHaveLength(0);

    const tunnelled = await deliver(request(`https://localhost:${r.port}/auth`, through(guarded.url)));
    expect(tunnelled).toMatchObject({ ok: true, status: 200 });
    expect(r.requests.map((q) => q.url)).toEqual(["/auth"]);
    // The receiver never sees the proxy's credentials.
    expect(r.requests[0].headers["proxy-authorization"]).toBeUndefined();
    for (const result of [refused, refusedPlain, tunnelled]) expect(JSON.stringify(result)).not.toContain("s3cr");
  });

  it("records a proxy that is down as proxy_error, not as the receiver refusing", async () => {
    const r = await receiver("trusted");
    const down = `http://127.0.0.1:${await freePort()}`;
    for (const url of [`https://localhost:${r.port}/`, `http://127.0.0.1:${r.port}/`]) {
      const result = await deliver(request(url, through(down)));
      expect(result).toMatchObject({ ok: false, status: null, errorClass: "proxy_error" });
      expect(result.errorMessage).toMatch(/^The proxy 127\.0\.0\.1:\d+ refused the connection/);
    }
    expect(r.requests).toHaveLength(0);
  });

  it("records a proxy that never answers CONNECT as proxy_error, not as the receiver timing out", async () => {
    const r = await receiver("trusted");
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const result = await deliver(request(`https://localhost:${r.port}/`, through(`http://127.0.0.1:${port}`), { timeoutMs: 300 }));
      expect(result).toMatchObject({
        ok: false,
        errorClass: "proxy_error",
        errorMessage: `The proxy 127.0.0.1:${port} did not answer within 0.3 s.`,
      });
    } finally {
      silent.close();
    }
  });

  it("speaks TLS to an https:// proxy, then TLS to the receiver inside the tunnel", async () => {
    const r = await receiver("trusted");
    // Node's own CONNECT handling behind a TLS listener (tinyproxy listens on plain http only).
    const tunnelled: string[] = [];
    const tlsProxy = createHttpsServer({ cert: fixture("server.pem"), key: fixture("server-key.pem") });
    tlsProxy.on("connect", (req: IncomingMessage, client: Duplex, head: Buffer) => {
      tunnelled.push(req.url ?? "");
      const [host, port] = (req.url ?? "").split(":");
      const upstream = connect(Number(port), host === "localhost" ? "127.0.0.1" : host, () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => tlsProxy.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = tlsProxy.address() as AddressInfo;
      const result = await deliver(request(`https://localhost:${r.port}/over-tls`, through(`https://localhost:${port}`)));
      expect(result).toMatchObject({ ok: true, status: 200, body: "taken" });
      expect(tunnelled).toEqual([`localhost:${r.port}`]);
      expect(r.requests.map((q) => q.url)).toEqual(["/over-tls"]);
    } finally {
      tlsProxy.closeAllConnections();
      tlsProxy.close();
    }
  });

  it("still applies the address policy to the target, and sends no-proxy hosts direct", async () => {
    const r = await receiver();
    const before = open.log();
    const blocked = await deliver(request(`http://127.0.0.1:${r.port}/`, through(open.url), { allowedHosts: parseAllowedHosts("") }));
    expect(blocked).toMatchObject({ ok: false, errorClass: "blocked_address" });
    expect(open.log()).toBe(before);

    const direct = await deliver(request(`http://127.0.0.1:${r.port}/direct`, through(open.url, "127.0.0.1")));
    expect(direct).toMatchObject({ ok: true, remoteAddress: "127.0.0.1" });
    expect(open.log()).toBe(before);
    expect(r.requests.map((q) => q.url)).toEqual(["/direct"]);
  });
});
