import { customHeaderValueProblem, HEADER_NAME, PORTAL_HEADERS } from "../custom-headers";

/**
 * Headers a transformation may not set: the signature (every style), the credentials, what HTTP
 * itself computes, and the hop-by-hop headers (the same as custom headers may not name).
 */
export function isProtectedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith("webhook-") || PORTAL_HEADERS.has(lower);
}

/** Why a transformation may not set this header, or null when it may. */
export function transformedHeaderProblem(name: string, value: string): string | null {
  if (!HEADER_NAME.test(name)) return `"${name.slice(0, 100)}" is not a valid HTTP header name`;
  if (isProtectedHeader(name)) return `The header ${name} is protected: the portal sets it, a transformation cannot`;
  const valueProblem = customHeaderValueProblem(value);
  return valueProblem ? `The header ${name}: ${valueProblem.toLowerCase()}` : null;
}
