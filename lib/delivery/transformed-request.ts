import type { RequestOverrides } from "@/lib/webhooks/transform";

/**
 * What a message records when its transformation failed or cancelled it: its body is the one the
 * connector type built, which must never be sent as it is. A retry by hand runs the (by then
 * perhaps fixed) transformation again; a worker skips it.
 */
export const UNTRANSFORMED = { untransformed: true } as const;

export function isUntransformed(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { untransformed?: unknown }).untransformed === true;
}

/** The overrides a message carries (its `request` column), read defensively: what is not one is ignored. */
export function requestOverridesOf(value: unknown): RequestOverrides | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const overrides: RequestOverrides = {};
  if (v.method === "POST" || v.method === "PUT") overrides.method = v.method;
  if (typeof v.url === "string") overrides.url = v.url;
  if (v.headers && typeof v.headers === "object" && !Array.isArray(v.headers)) {
    overrides.headers = Object.fromEntries(Object.entries(v.headers).filter((e): e is [string, string] => typeof e[1] === "string"));
  }
  return overrides;
}

/**
 * Where and how a message goes once its transformation's changes apply: another method, another
 * URL (sent and recorded as the function returned it: the function only ever saw the masked URL),
 * and the headers it set, which `buildRequestHeaders` adds as `transformedHeaders`.
 */
export function withOverrides<T extends { url: string; shownUrl: string; method: string }>(
  target: T,
  overrides: RequestOverrides | null,
): T & { transformedHeaders: Record<string, string> | null } {
  if (!overrides) return { ...target, transformedHeaders: null };
  return {
    ...target,
    ...(overrides.method && { method: overrides.method }),
    ...(overrides.url && { url: overrides.url, shownUrl: overrides.url }),
    transformedHeaders: overrides.headers ?? null,
  } as T & { transformedHeaders: Record<string, string> | null };
}

/** Overrides as stored on the message: null when the transformation changed nothing but the body. */
export function storedOverrides(overrides: RequestOverrides): RequestOverrides | null {
  return overrides.method || overrides.url || overrides.headers ? overrides : null;
}
