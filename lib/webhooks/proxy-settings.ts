import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { hostOf } from "./address-policy";

/** An outbound proxy: where it listens, its credentials (a secret) and the hosts sent around it. */
export type WebhookProxy = {
  url: URL;
  /** `Basic …` from the URL's user name and password; null without credentials. */
  authorization: string | null;
  noProxy: NoProxyRule[];
};

/** Which proxy, if any, carries requests to https and to http targets. */
export type ProxySettings = { https: WebhookProxy | null; http: WebhookProxy | null };

type NoProxyRule =
  | { kind: "all" }
  | { kind: "name"; name: string; port: string | null }
  | { kind: "range"; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port: string | null };

/** Why a proxy URL is not usable; the value itself is never repeated (it may carry a password). */
export function proxyUrlProblem(value: string): string | null {
  if (!URL.canParse(value)) return "must be a proxy URL such as http://proxy.internal:3128";
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must start with http:// or https://";
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "") return "must be the proxy's origin only, without a path";
  return null;
}

/** A proxy from its URL (checked with proxyUrlProblem) and a NO_PROXY-style list. */
export function parseProxy(value: string, noProxy = ""): WebhookProxy {
  const problem = proxyUrlProblem(value);
  if (problem !== null) throw new Error(`The proxy URL ${problem}.`);
  const url = new URL(value);
  const user = decodeURIComponent(url.username);
  const authorization = user === "" ? null : `Basic ${Buffer.from(`${user}:${decodeURIComponent(url.password)}`).toString("base64")}`;
  url.username = "";
  url.password = "";
  return { url, authorization, noProxy: parseNoProxy(noProxy) };
}

/**
 * NO_PROXY as curl and most tools read it: comma-separated; `*` alone sends nothing through the
 * proxy; a name matches itself and its subdomains (a leading dot or `*.` is ignored); an IP
 * address or CIDR range matches literal addresses in URLs; any entry may end in `:port`.
 */
export function parseNoProxy(value: string): NoProxyRule[] {
  const rules: NoProxyRule[] = [];
  for (const raw of value.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") {
      rules.push({ kind: "all" });
      continue;
    }
    const [host, port] = splitPort(entry);
    const range = parseRange(host);
    if (range) rules.push({ kind: "range", range, port });
    else rules.push({ kind: "name", name: host.replace(/^\*?\.+/, ""), port });
  }
  return rules;
}

/** The proxy a request to `target` goes through, or null when it goes direct. */
export function proxyFor(settings: ProxySettings, target: URL): WebhookProxy | null {
  const proxy = target.protocol === "https:" ? settings.https : settings.http;
  if (proxy === null) return null;
  const host = hostOf(target);
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  const bypassed = proxy.noProxy.some((rule) => {
    if (rule.kind === "all") return true;
    if (rule.port !== null && rule.port !== port) return false;
    if (rule.kind === "name") return host === rule.name || host.endsWith(`.${rule.name}`);
    if (!isIP(host)) return false;
    const address = ipaddr.process(host);
    return address.kind() === rule.range[0].kind() && address.match(rule.range);
  });
  return bypassed ? null : proxy;
}

/** The proxy named without its credentials, for messages and logs. */
export function proxyLabel(proxy: WebhookProxy): string {
  return proxy.url.host;
}

function splitPort(entry: string): [string, string | null] {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return [bracketed[1], bracketed[2] ?? null];
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  return withPort ? [withPort[1], withPort[2]] : [entry, null];
}

function parseRange(host: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  try {
    if (host.includes("/")) return ipaddr.parseCIDR(host);
    if (!ipaddr.isValid(host)) return null;
    const address = ipaddr.process(host);
    return [address, address.kind() === "ipv4" ? 32 : 128];
  } catch {
    return null;
  }
}
