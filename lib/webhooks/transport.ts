import { STATUS_CODES, type IncomingHttpHeaders } from "node:http";
import { storableText } from "./body-text";
import { checkWebhookUrl, type AllowedHosts, type Resolver, type WebhookUrlRefusal } from "./address-policy";
import { classifyDeliveryError, timeoutFailure, type DeliveryFailure } from "./classify-delivery-error";
import type { PinnedClient } from "./pinned-client";
import { sharedPinnedClient, sharedProxiedClient } from "./pinned-client-cache";
import { proxyAnswerFailure, type ProxiedClient } from "./proxy";
import { proxyFor, type ProxySettings } from "./proxy-settings";
import { readLimitedBody } from "./read-limited-body";
import { tlsAlertBehind } from "./tls-alerts";
import type { DeliveryErrorClass, DeliveryResult } from "./types";

export type { DeliveryErrorClass, DeliveryResult } from "./types";

export const DEFAULT_MAX_BODY_BYTES = 65_536;

export type DeliveryRequest = {
  url: string;
  /** POST unless the integration asks for PUT. */
  method?: "POST" | "PUT";
  headers: Record<string, string>;
  body: string;
  /** One deadline for DNS, connect, response headers and body. */
  timeoutMs: number;
  allowedHosts: AllowedHosts;
  /** Extra trusted CA certificates (PEM), added to Node's default roots. */
  ca?: string | Buffer;
  /** A client certificate and key (PEM) for receivers that ask for one (mutual TLS). */
  clientCertificate?: { cert: string; key: string };
  /** The outbound proxy for https and http targets (none by default). */
  proxy?: ProxySettings;
  resolve?: Resolver;
  /** How much of the response body to keep; 64 KiB by default. */
  maxBodyBytes?: number;
};

// Saved URLs were checked already, so a malformed one here is a bug, not the receiver's fault.
const REFUSAL_CLASSES: Record<WebhookUrlRefusal["reason"], DeliveryErrorClass> = {
  dns_failure: "dns_failure",
  blocked_address: "blocked_address",
  insecure_scheme: "blocked_address",
  invalid_url: "internal_error",
};

type ResponseOutcome = Pick<DeliveryResult, "ok" | "errorClass" | "errorMessage" | "location">;

/**
 * Sends a webhook (POST, or PUT) and reports what happened; never throws.
 *
 * The host is resolved once and every address checked against the policy
 * before connecting, and only those addresses are connected to. Redirects are
 * not followed. Once the status line has arrived, the status alone decides
 * success: a body cut short by the deadline or a reset is kept as far as it
 * arrived and marked truncated.
 *
 * Through an outbound proxy the host is still resolved and checked first, but
 * the proxy connects to it (see lib/webhooks/proxy.ts): the proxy's own failures
 * are `proxy_error`, never the receiver's.
 */
export async function deliver(request: DeliveryRequest): Promise<DeliveryResult> {
  const startedAt = performance.now();
  let deadline: AbortSignal | undefined;
  let connection: PinnedClient | ProxiedClient | undefined;
  try {
    deadline = AbortSignal.timeout(request.timeoutMs);
    const check = checkWebhookUrl(request.url, { allowedHosts: request.allowedHosts, resolve: request.resolve });
    const target = await untilAborted(check, deadline);
    if (!target.ok) return failed(startedAt, refusal(target));
    const proxy = request.proxy === undefined ? null : proxyFor(request.proxy, target.url);
    const tls = { ca: request.ca, clientCertificate: request.clientCertificate, connectTimeoutMs: request.timeoutMs };
    connection =
      proxy === null
        ? sharedPinnedClient({ url: target.url, addresses: target.addresses, allowedHosts: request.allowedHosts, ...tls })
        : sharedProxiedClient({ url: target.url, proxy, ...tls });
    const proxied = "path" in connection ? connection : null;
    const response = await connection.client.request({
      method: request.method ?? "POST",
      path: proxied ? proxied.path(target.url) : `${target.url.pathname}${target.url.search}`,
      headers: proxied ? { ...request.headers, ...proxied.headers } : request.headers,
      body: request.body,
      signal: deadline,
    });
    const proxyRefusal = proxied && proxy ? proxyAnswerFailure(proxy, response.statusCode) : null;
    if (proxyRefusal) {
      response.body.resume();
      return failed(startedAt, { errorClass: "proxy_error", errorMessage: proxyRefusal.message });
    }
    const body = await readLimitedBody(response.body, request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    const headers = flattenHeaders(response.headers);
    return {
      ...outcomeOf(response.statusCode, headers),
      status: response.statusCode,
      headers,
      ...body,
      durationMs: performance.now() - startedAt,
      remoteAddress: connection.remoteAddress(),
    };
  } catch (error) {
    const failure = failureOf(error, request.timeoutMs, deadline?.aborted ?? false);
    return failed(startedAt, failure, connection?.remoteAddress());
  }
}

/**
 * What failed: the proxy, when it is to blame (undici reports a failed connect even after the
 * deadline passed), else the receiver's timeout once the deadline passed, else the error's class.
 */
function failureOf(error: unknown, timeoutMs: number, deadlinePassed: boolean): DeliveryFailure {
  const failure = classifyDeliveryError(tlsAlertBehind(error) ?? error, timeoutMs);
  return deadlinePassed && failure.errorClass !== "proxy_error" ? timeoutFailure(timeoutMs) : failure;
}

function outcomeOf(status: number, headers: Record<string, string>): ResponseOutcome {
  if (status >= 200 && status < 300) return { ok: true, errorClass: null, errorMessage: null };
  if (status >= 300 && status < 400) {
    const location = headers.location ?? null;
    const answer = location === null ? `answered ${describeStatus(status)}` : `redirected to ${location}`;
    return {
      ok: false,
      errorClass: "redirect",
      errorMessage: `Receiver ${answer}; redirects are not followed.`,
      location,
    };
  }
  return { ok: false, errorClass: "http_error", errorMessage: `Receiver answered ${describeStatus(status)}.` };
}

function failed(startedAt: number, failure: DeliveryFailure, remoteAddress?: string | null): DeliveryResult {
  return { ...failedDelivery(failure, performance.now() - startedAt), remoteAddress: remoteAddress ?? null };
}

/** The outcome of a request that got no answer: `failure` says why. */
export function failedDelivery(failure: DeliveryFailure, durationMs = 0): DeliveryResult {
  return {
    ok: false,
    status: null,
    headers: null,
    body: null,
    bodyBinary: false,
    bodyBytes: null,
    truncated: false,
    durationMs,
    ...failure,
  };
}

/** A URL the policy refuses at delivery time (the allowed list may have changed since it was saved). */
function refusal({ reason, message }: WebhookUrlRefusal): DeliveryFailure {
  return { errorClass: REFUSAL_CLASSES[reason], errorMessage: message };
}

function describeStatus(status: number): string {
  const text = STATUS_CODES[status];
  return text === undefined ? String(status) : `${status} ${text}`;
}

/** Lower-case names, repeated headers joined with ", ", storable whatever the receiver sent. */
function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const text = headerValue(value);
    if (text !== null) flat[storableText(name.toLowerCase())] = storableText(text);
  }
  return flat;
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Settles like `promise`, or rejects with the signal's reason once it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
