import type { DeliveryResult } from "./transport";

/** What a redacted secret is shown as: its last 4 characters, as the request headers show it. */
export const maskSecret = (secret: string) => `••••${secret.slice(-4)}`;
/** What the visible start of a secret cut off at the end of a kept body is shown as. */
const CUT_MASK = "••••";

/**
 * Everything recorded from a receiver — error message (a redirect's Location included), header
 * names and values, body — with every occurrence of each secret (the bearer token, a chat URL's
 * secret part, custom header values) masked, in clear, percent-encoded or in any letter case
 * (header names arrive lower-cased). A body kept only in part (the 64 KiB cut, a deadline) that
 * ends with the start of a secret has that start masked too.
 */
export function redactDeliveryResult(result: DeliveryResult, secrets: string | string[] | null | undefined): DeliveryResult {
  const list = (Array.isArray(secrets) ? secrets : [secrets]).filter((s): s is string => Boolean(s));
  // Longest first, so a secret that contains another is masked whole.
  return list.sort((a, b) => b.length - a.length).reduce(redactOne, result);
}

function redactOne(result: DeliveryResult, secret: string): DeliveryResult {
  const redact = secretRedactor(secret);
  return {
    ...result,
    errorMessage: result.errorMessage === null ? null : redact(result.errorMessage),
    location: result.location == null ? result.location : redact(result.location),
    headers: result.headers && Object.fromEntries(Object.entries(result.headers).map(([name, value]) => [redact(name), redact(value)])),
    body: result.body === null ? null : maskCutSecret(redact(result.body), secret, result.truncated),
  };
}

/** Replaces every occurrence of `secret` (and its percent-encoded forms), ignoring case. */
export function secretRedactor(secret: string): (text: string) => string {
  const forms = [...new Set([secret, encodeURIComponent(secret), encodeURI(secret), secret.replace(/\\/g, "\\\\")])];
  const pattern = new RegExp(forms.map(escapeRegExp).join("|"), "gi");
  const mask = maskSecret(secret);
  return (text) => text.replace(pattern, mask);
}

/** A kept part that ends with the first characters of the secret: those are masked. */
function maskCutSecret(body: string, secret: string, truncated: boolean): string {
  if (!truncated) return body;
  const lower = body.toLowerCase();
  const start = secret.toLowerCase();
  for (let length = Math.min(secret.length - 1, body.length); length > 0; length--) {
    if (lower.endsWith(start.slice(0, length))) return body.slice(0, body.length - length) + CUT_MASK;
  }
  return body;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
