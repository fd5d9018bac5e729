import { env, portalOrigin } from "@/lib/env";

/**
 * True when a request comes from a page of the portal: its Origin is PORTAL_URL's, one of
 * PORTAL_TRUSTED_ORIGINS, or — only behind a trusted proxy (PORTAL_TRUST_PROXY) — the one the
 * proxy forwarded (X-Forwarded-Proto and X-Forwarded-Host). A missing, opaque ("null") or
 * malformed Origin is not trusted.
 */
export function isTrustedOrigin(headers: Headers, settings: OriginSettings = originSettings()): boolean {
  const origin = originOf(headers.get("origin"));
  if (!origin) return false;
  if (origin === settings.portalOrigin || settings.trustedOrigins.includes(origin)) return true;
  if (!settings.trustProxy) return false;
  const host = firstValue(headers.get("x-forwarded-host"));
  const proto = firstValue(headers.get("x-forwarded-proto")) ?? "https";
  return Boolean(host) && origin === originOf(`${proto}://${host}`);
}

/**
 * True when a server action may run for this request: its Origin is trusted (isTrustedOrigin) or
 * is the host the request was sent to, as Next itself requires. A missing, opaque ("null") or
 * foreign Origin is refused — before Next sees it, which would answer 500 and log a stack.
 */
export function isAllowedActionOrigin(headers: Headers, settings: OriginSettings = originSettings()): boolean {
  const origin = originOf(headers.get("origin"));
  if (!origin) return false;
  if (isTrustedOrigin(headers, settings)) return true;
  const host = (settings.trustProxy ? firstValue(headers.get("x-forwarded-host")) : null) ?? headers.get("host");
  return Boolean(host) && new URL(origin).host === host!.toLowerCase();
}

export interface OriginSettings {
  portalOrigin: string;
  trustedOrigins: string[];
  trustProxy: boolean;
}

const originSettings = (): OriginSettings => ({
  portalOrigin: portalOrigin(),
  trustedOrigins: env().PORTAL_TRUSTED_ORIGINS,
  trustProxy: env().PORTAL_TRUST_PROXY,
});

/**
 * The client's address for the audit log: the first X-Forwarded-For hop. Without a trusted proxy
 * scripts/start.ts drops the forwarding headers a client sent, and Next sets X-Forwarded-For to
 * the socket's address; X-Real-IP counts only behind a trusted proxy.
 */
export function clientAddress(headers: Headers, trustProxy = env().PORTAL_TRUST_PROXY): string | null {
  return firstValue(headers.get("x-forwarded-for")) ?? (trustProxy ? firstValue(headers.get("x-real-ip")) : null);
}

function originOf(value: string | null): string | null {
  if (!value || !URL.canParse(value)) return null;
  const { origin } = new URL(value);
  return origin === "null" ? null : origin;
}

const firstValue = (value: string | null) => value?.split(",")[0]?.trim() || null;
