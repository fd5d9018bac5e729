import { readFileSync } from "node:fs";
import { env, type Env } from "@/lib/env";
import { parseAllowedHosts, type AllowedHosts } from "@/lib/webhooks/address-policy";
import { parseProxy, type ProxySettings } from "@/lib/webhooks/proxy-settings";

let allowed: AllowedHosts | undefined;
let ca: string | null | undefined;
let proxy: ProxySettings | undefined;

/** PORTAL_WEBHOOK_ALLOWED_HOSTS, parsed once (env validation has already checked it). */
export function allowedHosts(): AllowedHosts {
  allowed ??= parseAllowedHosts(env().PORTAL_WEBHOOK_ALLOWED_HOSTS);
  return allowed;
}

/** The PEM of PORTAL_WEBHOOK_CA_FILE, trusted besides the system roots; null when unset. */
export function extraCa(): string | null {
  if (ca === undefined) ca = env().PORTAL_WEBHOOK_CA_FILE ? readFileSync(env().PORTAL_WEBHOOK_CA_FILE!, "utf8") : null;
  return ca;
}

/**
 * The outbound proxy: PORTAL_WEBHOOK_PROXY for every webhook when set (with
 * PORTAL_WEBHOOK_NO_PROXY, else NO_PROXY); otherwise HTTPS_PROXY for https targets and HTTP_PROXY
 * for plain http ones, with NO_PROXY. Parsed once.
 */
export function proxySettings(): ProxySettings {
  proxy ??= readProxySettings(env());
  return proxy;
}

export function readProxySettings(e: Pick<Env, ProxyVariable>): ProxySettings {
  const noProxy = e.NO_PROXY ?? e.no_proxy ?? "";
  if (e.PORTAL_WEBHOOK_PROXY) {
    const portal = parseProxy(e.PORTAL_WEBHOOK_PROXY, e.PORTAL_WEBHOOK_NO_PROXY ?? noProxy);
    return { https: portal, http: portal };
  }
  const https = e.HTTPS_PROXY ?? e.https_proxy;
  const http = e.HTTP_PROXY ?? e.http_proxy;
  return { https: https ? parseProxy(https, noProxy) : null, http: http ? parseProxy(http, noProxy) : null };
}

type ProxyVariable =
  | "PORTAL_WEBHOOK_PROXY"
  | "PORTAL_WEBHOOK_NO_PROXY"
  | "HTTPS_PROXY"
  | "https_proxy"
  | "HTTP_PROXY"
  | "http_proxy"
  | "NO_PROXY"
  | "no_proxy";
