import { portalOrigin } from "@/lib/env";

export const DEFAULT_AFTER_SIGN_IN = "/integrations";

/**
 * Where to go after signing in: the requested page when it is one of the portal's own (a path,
 * or an absolute URL of the portal's origin), else the integrations list. Parsed as a browser
 * would (a backslash counts as a slash), so `/\evil.example` and the like go nowhere else.
 */
export function safeCallbackPath(value: string | null | undefined, origin = portalOrigin()): string {
  if (typeof value !== "string" || !value) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== origin) return DEFAULT_AFTER_SIGN_IN;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path read by the browser as another host ("//…") never leaves: it is not one of ours.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/sign-in")) return DEFAULT_AFTER_SIGN_IN;
  return path;
}
