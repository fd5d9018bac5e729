/**
 * Chat and Zapier webhook URLs carry their secret in the path or the query (Slack
 * /services/T…/B…/<secret>, Discord /api/webhooks/<id>/<token>, Zapier /hooks/catch/<id>/<key>/,
 * Teams Workflows …&sig=<signature>). These helpers show such a URL without its secret.
 */

const MASK = "••••";

/** Query parameters that hold a secret in the URLs these platforms issue. */
const SECRET_PARAMS = /^(sig|signature|token|key|secret|code|api[-_]?key)$/i;

/**
 * The URL with its secret parts masked: the last path segment (and, when the path has more than
 * two segments, the one before it when it looks like a key), and every secret-looking query value.
 * Scheme, host and the leading path stay readable so an admin recognises the webhook.
 */
export function maskSecretUrl(url: string): string {
  if (!URL.canParse(url)) return MASK;
  const u = new URL(url);
  const segments = u.pathname.split("/");
  const last = lastNonEmpty(segments);
  if (last >= 0 && segments.filter(Boolean).length > 1) segments[last] = MASK;
  let masked = `${u.protocol}//${u.host}${segments.join("/")}`;
  const params = [...u.searchParams.entries()].map(
    ([k, v]) => `${encodeURIComponent(k)}=${SECRET_PARAMS.test(k) ? MASK : encodeURIComponent(v)}`,
  );
  if (params.length > 0) masked += `?${params.join("&")}`;
  return masked;
}

/** The parts of a URL that `maskSecretUrl` hides, for redacting them from what a receiver echoes. */
export function secretUrlParts(url: string): string[] {
  if (!URL.canParse(url)) return [url];
  const u = new URL(url);
  const segments = u.pathname.split("/");
  const last = lastNonEmpty(segments);
  const parts = last >= 0 && segments.filter(Boolean).length > 1 ? [decodeURIComponent(segments[last])] : [];
  for (const [k, v] of u.searchParams.entries()) if (SECRET_PARAMS.test(k) && v.length >= 4) parts.push(v);
  return parts.filter((p) => p.length >= 4);
}

function lastNonEmpty(segments: string[]): number {
  for (let i = segments.length - 1; i >= 0; i--) if (segments[i] !== "") return i;
  return -1;
}
