import { describe, expect, it } from "vitest";
import { checkAddress, checkWebhookUrl, parseAllowedHosts, type Resolver } from "./address-policy";

const none = parseAllowedHosts(undefined);
const resolveTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses;
const publicResolver = resolveTo("93.184.215.14");

describe("checkWebhookUrl", () => {
  it.each([
    ["https://127.0.0.1/hook", "127.0.0.1 is a loopback address"],
    ["https://10.1.2.3/", "10.1.2.3 is a private address"],
    ["https://172.16.0.1/", "172.16.0.1 is a private address"],
    ["https://192.168.1.1/", "192.168.1.1 is a private address"],
    ["https://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address"],
    ["https://0.0.0.0/", "0.0.0.0 is an unspecified address"],
    ["https://100.64.0.1/", "carrier-grade NAT"],
    ["https://255.255.255.255/", "broadcast"],
    ["https://224.0.0.1/", "multicast"],
    ["https://[::1]/", "::1 is a loopback address"],
    ["https://[fc00::1]/", "fc00::1 is a unique local address"],
    ["https://[fe80::1]/", "fe80::1 is a link-local address"],
    ["https://[::ffff:127.0.0.1]/", "loopback"],
    ["https://[::ffff:a00:1]/", "private"],
    ["https://[::127.0.0.1]/", "reserved"],
    ["https://[64:ff9b::a00:1]/", "special-purpose"],
    ["https://[2002:a00:1::]/", "special-purpose"],
    ["https://2130706433/", "127.0.0.1 is a loopback address"],
    ["https://0x7f000001/", "127.0.0.1 is a loopback address"],
    ["https://0x7f.1/", "127.0.0.1 is a loopback address"],
    ["https://0177.0.0.1/", "127.0.0.1 is a loopback address"],
  ])("refuses %s", async (url, message) => {
    const result = await checkWebhookUrl(url, { allowedHosts: none, resolve: publicResolver });
    expect(result).toMatchObject({ ok: false, reason: "blocked_address" });
    expect(result.ok === false && result.message).toContain(message);
  });

  it("explains how an operator allows a refused address", async () => {
    const result = await checkWebhookUrl("https://127.0.0.1/", { allowedHosts: none });
    expect(result).toEqual({
      ok: false,
      reason: "blocked_address",
      message:
        "127.0.0.1 is a loopback address; the portal only sends to public addresses. " +
        "An operator can allow it with PORTAL_WEBHOOK_ALLOWED_HOSTS.",
    });
  });

  it.each(["https://localhost/", "https://LOCALHOST./", "https://api.localhost:8443/"])("refuses %s without asking DNS", async (url) => {
    const resolve: Resolver = async () => {
      throw new Error("must not resolve");
    };
    const result = await checkWebhookUrl(url, { allowedHosts: none, resolve });
    expect(result).toMatchObject({ ok: false, reason: "blocked_address" });
  });

  it("refuses a host name that resolves to a private address", async () => {
    const result = await checkWebhookUrl("https://intranet.example.com/", {
      allowedHosts: none,
      resolve: resolveTo("93.184.215.14", "10.0.0.7"),
    });
    expect(result).toMatchObject({ ok: false, reason: "blocked_address" });
    expect(result.ok === false && result.message).toContain("intranet.example.com resolves to 10.0.0.7, a private address");
  });

  it("refuses plain http to a public host", async () => {
    const result = await checkWebhookUrl("http://example.com/", { allowedHosts: none, resolve: publicResolver });
    expect(result).toEqual({
      ok: false,
      reason: "insecure_scheme",
      message: "Use https://. Plain http is allowed only for hosts listed in PORTAL_WEBHOOK_ALLOWED_HOSTS.",
    });
  });

  it.each(["not a url", "/relative", "ftp://example.com/", "https://user:secret@example.com/"])("refuses %s as invalid", async (url) => {
    const result = await checkWebhookUrl(url, { allowedHosts: none, resolve: publicResolver });
    expect(result).toMatchObject({ ok: false, reason: "invalid_url" });
  });

  it("reports names that do not resolve", async () => {
    const resolve: Resolver = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const result = await checkWebhookUrl("https://nowhere.example/", { allowedHosts: none, resolve });
    expect(result).toMatchObject({ ok: false, reason: "dns_failure" });
    expect(await checkWebhookUrl("https://empty.example/", { allowedHosts: none, resolve: resolveTo() })).toMatchObject({
      ok: false,
      reason: "dns_failure",
    });
  });

  it("allows public addresses over https", async () => {
    const literal = await checkWebhookUrl("https://93.184.215.14/hook", { allowedHosts: none });
    expect(literal).toMatchObject({ ok: true, addresses: ["93.184.215.14"] });
    const named = await checkWebhookUrl("https://hooks.example.com/in?x=1", {
      allowedHosts: none,
      resolve: resolveTo("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
    });
    expect(named).toMatchObject({ ok: true, addresses: ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"] });
    expect(named.ok && named.url.href).toBe("https://hooks.example.com/in?x=1");
  });

  it("allows listed host names, addresses and ranges, over http too", async () => {
    const allowedHosts = parseAllowedHosts("receiver.internal, localhost, 127.0.0.1, 10.20.0.0/16, fd00::/8");
    const cases: [string, Resolver][] = [
      ["http://receiver.internal:8080/hook", resolveTo("192.168.5.5")],
      ["http://localhost:3001/", resolveTo("127.0.0.1", "::1")],
      ["http://127.0.0.1:3001/", publicResolver],
      ["http://10.20.30.40/", publicResolver],
      ["http://[fd00::5]/", publicResolver],
      ["http://named.internal/", resolveTo("10.20.1.1")],
      ["https://10.20.30.40/", publicResolver],
    ];
    for (const [url, resolve] of cases) {
      expect(await checkWebhookUrl(url, { allowedHosts, resolve }), url).toMatchObject({ ok: true });
    }
  });

  it("still refuses unlisted addresses and plain http when some addresses are listed", async () => {
    const allowedHosts = parseAllowedHosts("10.20.0.0/16");
    expect(await checkWebhookUrl("https://10.21.0.1/", { allowedHosts })).toMatchObject({ reason: "blocked_address" });
    const mixed = await checkWebhookUrl("http://mixed.example/", {
      allowedHosts,
      resolve: resolveTo("10.20.0.1", "93.184.215.14"),
    });
    expect(mixed).toMatchObject({ ok: false, reason: "insecure_scheme" });
  });
});

describe("checkAddress", () => {
  it("accepts public unicast and refuses special-purpose addresses", () => {
    expect(checkAddress("93.184.215.14", "example.com", none)).toEqual({ ok: true });
    expect(checkAddress("2606:4700::1", "example.com", none)).toEqual({ ok: true });
    expect(checkAddress("127.0.0.1", "example.com", none)).toMatchObject({ ok: false });
    expect(checkAddress("::ffff:192.168.0.1", "example.com", none)).toMatchObject({ ok: false });
    expect(checkAddress("not-an-ip", "example.com", none)).toMatchObject({ ok: false });
  });

  it("accepts anything for a listed host name", () => {
    expect(checkAddress("127.0.0.1", "Receiver.Test.", parseAllowedHosts("receiver.test"))).toEqual({ ok: true });
  });
});

describe("parseAllowedHosts", () => {
  it("parses names, addresses and CIDR ranges", () => {
    const allowed = parseAllowedHosts(" Hooks.Example.com., 127.0.0.1 ,[::1],10.0.0.0/8,fc00::/7,,bücher.example ");
    expect([...allowed.names]).toEqual(["hooks.example.com", "xn--bcher-kva.example"]);
    expect(allowed.ranges.map(([address, bits]) => `${address.toString()}/${bits}`)).toEqual([
      "127.0.0.1/32",
      "::1/128",
      "10.0.0.0/8",
      "fc00::/7",
    ]);
  });

  it("treats an empty or missing value as an empty list", () => {
    expect(parseAllowedHosts("")).toEqual({ names: new Set(), ranges: [] });
    expect(parseAllowedHosts(undefined)).toEqual({ names: new Set(), ranges: [] });
  });

  const garbage = [
    "http://example.com",
    "10.0.0.0/33",
    "300.1.1.1",
    "0x7f.1",
    "2130706433",
    "exa mple.com",
    "-bad.com",
    "*.example.com",
    "a/b",
  ];
  it.each(garbage)("rejects %j and names it", (entry) => {
    expect(() => parseAllowedHosts(`ok.example,${entry}`)).toThrow(`"${entry}"`);
  });
});
