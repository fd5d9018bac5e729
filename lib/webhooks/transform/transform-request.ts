import { z } from "zod";
import { isIP } from "node:net";
import { checkWebhookUrl, type AllowedHosts, type Resolver } from "../address-policy";
import { TRANSFORM_LIMITS } from "./limits";
import { transformedHeaderProblem } from "./protected-headers";
import { runInSandbox, type TransformFailure } from "./sandbox";

export type { TransformFailure } from "./sandbox";

/** A request as the connector type built it, before signing: what the function receives. */
export interface RequestToTransform {
  /** The event's type; null for a default-mode or test message. */
  eventType: string | null;
  body: string;
  /** As shown to admins: masked where it carries a secret. */
  url: string;
  method: "POST" | "PUT";
  /** The headers that are not secret (content-type, user-agent). */
  headers: Record<string, string>;
}

/** What a transformation changed besides the body: recorded with the message, applied on every send of it. */
export interface RequestOverrides {
  method?: "POST" | "PUT";
  url?: string;
  /** Added or changed headers, names in lower case; never a protected one. */
  headers?: Record<string, string>;
}

export type TransformOutcome =
  { kind: "transformed"; body: string; overrides: RequestOverrides } | { kind: "cancelled" } | { kind: "failed"; error: TransformFailure };

/** The reason recorded on a delivery the function cancelled. */
export const CANCELLED_MESSAGE = "Cancelled by the transformation: nothing was sent.";

/** A failure as one line for an attempt's error message. */
export function describeFailure(error: TransformFailure): string {
  const where = error.line === null ? "" : ` (line ${error.line}${error.column === null ? "" : `, column ${error.column}`})`;
  return `The transformation failed${where}: ${error.message}. Nothing was sent.`;
}

const output = z.object({
  payload: z.unknown().optional(),
  url: z.string({ error: "url must be a string" }).max(2048, "url may have at most 2048 characters"),
  method: z.string({ error: "method must be a string" }),
  headers: z.record(z.string(), z.string({ error: "every header value must be a string" }), {
    error: "headers must be an object of strings",
  }),
  cancel: z.unknown().optional(),
});

/**
 * Runs a transformation on a request: hands `{ eventType, payload, url, method, headers }` to the
 * code's `handler` (payload parsed when the body is JSON) and checks what comes back: a body
 * within the limit, POST or PUT, no protected header, and a changed URL within the address policy
 * (`allowedHosts`; DNS names are resolved only when `resolve` says so — the transport checks
 * every address again when it connects). `key` names the code's compiled context (see sandbox.ts).
 */
export async function transformRequest(input: {
  key: string;
  code: string;
  request: RequestToTransform;
  allowedHosts: AllowedHosts;
  /** Resolve a changed URL's host now (true: with DNS; or this resolver) rather than leave it to the transport. */
  resolve?: boolean | Resolver;
}): Promise<TransformOutcome> {
  const { request } = input;
  const ran = await runInSandbox(input.key, input.code, {
    eventType: request.eventType,
    payload: parsePayload(request.body),
    url: request.url,
    method: request.method,
    headers: request.headers,
  });
  if (!ran.ok) return { kind: "failed", error: ran.error };
  const parsed = output.safeParse(ran.output);
  if (!parsed.success) return bad(`The webhook returned is not valid: ${parsed.error.issues[0]?.message ?? "unexpected shape"}`);
  const out = parsed.data;
  if (out.cancel === true) return { kind: "cancelled" };

  const body =
    out.payload === undefined || out.payload === null ? "" : typeof out.payload === "string" ? out.payload : JSON.stringify(out.payload);
  const bytes = Buffer.byteLength(body, "utf8");
  if (bytes > TRANSFORM_LIMITS.bodyBytes)
    return bad(`The body is ${Math.ceil(bytes / 1024)} KiB; a transformed body may have at most ${TRANSFORM_LIMITS.bodyBytes / 1024} KiB`);

  const overrides: RequestOverrides = {};
  const method = out.method.toUpperCase();
  if (method !== "POST" && method !== "PUT") return bad(`method must be POST or PUT, not ${out.method.slice(0, 20)}`);
  if (method !== request.method) overrides.method = method;

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(out.headers)) {
    const lower = name.toLowerCase();
    if (request.headers[lower] === value) continue;
    const problem = transformedHeaderProblem(name, value);
    if (problem) return bad(problem);
    headers[lower] = value;
  }
  if (Object.keys(headers).length > TRANSFORM_LIMITS.headers)
    return bad(`A transformation may set at most ${TRANSFORM_LIMITS.headers} headers`);
  if (Object.keys(headers).length > 0) overrides.headers = headers;

  if (out.url !== request.url) {
    const refusal = await urlRefusal(out.url, input.allowedHosts, input.resolve);
    if (refusal) return bad(`The URL ${out.url.slice(0, 200)} cannot be used: ${refusal}`);
    overrides.url = out.url;
  }
  return { kind: "transformed", body, overrides };
}

function parsePayload(body: string): unknown {
  if (body === "") return null;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/**
 * Why a URL the function returned cannot be used, by the policy a saved URL passes: with
 * `resolve`, every address it resolves to; without, its form and a literal address (a host name is
 * resolved and checked by the transport when the request leaves).
 */
async function urlRefusal(url: string, allowedHosts: AllowedHosts, resolve?: boolean | Resolver): Promise<string | null> {
  if (resolve) {
    const check = await checkWebhookUrl(url, { allowedHosts, ...(typeof resolve === "function" && { resolve }) });
    return check.ok ? null : check.message;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "it is not a full URL";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    return "only https:// (or, where allowed, http://) URLs can receive webhooks";
  if (parsed.username !== "" || parsed.password !== "") return "a URL may not carry a user name or password";
  const host = parsed.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  // A literal address and a local name are checked without DNS, as a saved URL is.
  if (isIP(host) !== 0 || host === "localhost" || host.endsWith(".localhost")) {
    const check = await checkWebhookUrl(url, { allowedHosts });
    return check.ok ? null : check.message;
  }
  return null;
}

function bad(message: string): TransformOutcome {
  return { kind: "failed", error: { kind: "output", message, line: null, column: null } };
}
