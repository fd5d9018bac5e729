import { customHeaderValueProblem } from "../custom-headers";

/** RFC 9110 token characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

/**
 * Headers a transformation may not set: the signature (every style), the credentials, what HTTP
 * itself computes, and the hop-by-hop headers (RFC 9110 §7.6.1).
 */
const PROTECTED = new Set([
  "authorization",
  "content-length",
  "host",
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "x-webhook-signature",
  "x-webhook-id",
  "x-webhook-timestamp",
  "x-hub-signature-256",
  "x-github-delivery",
]);

export function isProtectedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith("webhook-") || PROTECTED.has(lower);
}

/** Why a transformation may not set this header, or null when it may. */
export function transformedHeaderProblem(name: string, value: string): string | null {
  if (!HEADER_NAME.test(name)) return `"${name.slice(0, 100)}" is not a valid HTTP header name`;
  if (isProtectedHeader(name)) return `The header ${name} is protected: the portal sets it, a transformation cannot`;
  const valueProblem = customHeaderValueProblem(value);
  return valueProblem ? `The header ${name}: ${valueProblem.toLowerCase()}` : null;
}
