import type { Attributes, Context, Span } from "@opentelemetry/api";
import { inSpan, markFailed, SpanKind, traceparentOf, tracingEnabled } from "@/lib/observability/tracing";

/** The ids a delivery's spans carry (never its URL, headers or body). */
export interface DeliveryIds {
  attemptId?: string | null;
  messageId: string;
  eventId?: string | null;
  integrationId?: string | null;
  subscriptionId?: string | null;
  /** 0 for a first attempt, n for the n-th automatic retry. */
  retryNumber?: number;
  kind: string;
}

/** Span attributes of a delivery: its ids, its kind and which retry it is. */
export function deliveryAttributes(d: DeliveryIds): Attributes {
  const attributes: Attributes = { "webhook.message.id": d.messageId, "webhook.delivery.kind": d.kind };
  if (d.attemptId) attributes["webhook.attempt.id"] = d.attemptId;
  if (d.eventId) attributes["webhook.event.id"] = d.eventId;
  if (d.integrationId) attributes["webhook.integration.id"] = d.integrationId;
  if (d.subscriptionId) attributes["webhook.subscription.id"] = d.subscriptionId;
  if (d.retryNumber !== undefined) attributes["webhook.attempt.retry_number"] = d.retryNumber;
  return attributes;
}

/** What a span records of a send's outcome: its status code and error class. */
export interface SendOutcome {
  ok: boolean;
  status: number | null;
  errorClass: string | null;
}

/**
 * Runs one webhook request as a `webhook send` client span (a child of `parent`, else of the
 * active span). `work` gets the W3C traceparent to send when the webhook asks for one
 * (`sendTraceparent`) and traces are exported: this span's, so the receiver's trace continues it.
 * The host is recorded, never the URL (a chat webhook's URL is its secret).
 */
export async function inSendSpan<T>(
  ids: DeliveryIds,
  target: { url: string; method: string; sendTraceparent: boolean },
  parent: Context | undefined,
  work: (traceparent: string | null, span: Span | null) => Promise<T>,
  outcomeOf: (result: T) => SendOutcome | null,
): Promise<T> {
  if (!tracingEnabled()) return work(null, null); // off: not even the attributes are built
  return inSpan(
    "webhook send",
    { kind: SpanKind.CLIENT, parent, attributes: { ...deliveryAttributes(ids), "http.request.method": target.method } },
    async (span) => {
      if (span) {
        const host = hostOf(target.url);
        if (host) span.setAttribute("server.address", host);
      }
      const result = await work(span && target.sendTraceparent ? traceparentOf(span) : null, span);
      const outcome = span ? outcomeOf(result) : null;
      if (span && outcome) {
        if (outcome.status !== null) span.setAttribute("http.response.status_code", outcome.status);
        span.setAttribute("webhook.outcome", outcome.ok ? "success" : (outcome.errorClass ?? "http_error"));
        if (!outcome.ok) markFailed(span, outcome.errorClass ?? (outcome.status !== null ? String(outcome.status) : "http_error"));
      }
      return result;
    },
  );
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}
