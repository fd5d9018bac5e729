/** Custom request headers an admin adds to an integration: which names are refused, and why. */

export const MAX_CUSTOM_HEADERS = 20;
export const MAX_HEADER_VALUE_LENGTH = 4096;

/** RFC 9110 token characters. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

/**
 * Headers only the portal or HTTP itself sets: the hop-by-hop headers (RFC 9110 §7.6.1), what the
 * transport computes, the credentials, the signature of every style (webhook-* too, by prefix) and
 * the W3C trace context (the webhook's "send traceparent" option).
 * Neither an admin's custom headers nor a transformation may set them.
 */
export const PORTAL_HEADERS: ReadonlySet<string> = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
  "authorization",
  "x-webhook-signature",
  "x-webhook-id",
  "x-webhook-timestamp",
  "x-hub-signature-256",
  "x-github-delivery",
  "traceparent",
  "tracestate",
]);

/** What custom headers may not name besides: what the transport sets, and Expect, which HTTP clients refuse to send. */
const REFUSED = new Set([...PORTAL_HEADERS, "expect", "content-type", "user-agent"]);

/** Why a header name cannot be added, or null when it can. */
export function customHeaderNameProblem(name: string): string | null {
  if (!HEADER_NAME.test(name)) return "Use letters, digits and - only (a valid HTTP header name)";
  const lower = name.toLowerCase();
  if (lower.startsWith("webhook-")) return "webhook-* headers carry the signature; the portal sets them";
  if (lower === "authorization") return "Use the bearer token field for Authorization";
  if (REFUSED.has(lower)) return `${name} is set by the portal or by HTTP itself; it cannot be added`;
  return null;
}

/**
 * Why a header value cannot be sent, or null when it can: no control characters (CR, LF, NUL…),
 * and nothing beyond Latin-1 — a header is bytes, and HTTP clients refuse characters that do not
 * fit in one (€, emoji, U+2028 …), so such a value would fail every send.
 */
export function customHeaderValueProblem(value: string): string | null {
  if (value.length > MAX_HEADER_VALUE_LENGTH) return `Use at most ${MAX_HEADER_VALUE_LENGTH} characters`;
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) return "Line breaks and control characters cannot be sent in a header";
  const wide = /[^\x00-\xff]/u.exec(value);
  if (wide) {
    const codePoint = wide[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return `U+${codePoint} cannot be sent in a header: use Latin-1 characters only (percent-encode anything else)`;
  }
  return null;
}

export interface CustomHeader {
  name: string;
  value: string;
}
