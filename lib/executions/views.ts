import type { Attempt } from "@/lib/generated/prisma/client";
import { tokenOf } from "@/lib/tokens/token-label";

/** The columns a list row does without: bodies and headers, up to 64 KiB each. */
export const summaryOmit = { requestHeaders: true, requestBody: true, responseHeaders: true, responseBody: true } as const;
type SummaryRow = Omit<Attempt, keyof typeof summaryOmit>;

/** The list row: everything recorded about an attempt but its headers and bodies. */
export function toAttemptSummary(a: SummaryRow) {
  return {
    id: a.id,
    messageId: a.messageId,
    integrationId: a.integrationId,
    integrationName: a.integrationName,
    mode: a.mode,
    eventId: a.eventId,
    kind: a.kind,
    retryOfId: a.retryOfId,
    /** The subscription whose match caused an automatic delivery; null for manual ones. */
    subscriptionId: a.subscriptionId,
    /** 0 for a first attempt; n for automatic retry #n. */
    retryNumber: a.retryNumber,
    /** When the automatic retry scheduled after this attempt is due; null when none is. */
    nextRetryAt: a.nextRetryAt,
    /** When a queued or scheduled attempt is due to be sent. */
    dueAt: a.dueAt,
    /** Null for an automatic delivery: nobody clicked. `token`: the API token they sent it with. */
    triggeredBy: a.triggeredById ? { id: a.triggeredById, email: a.triggeredByEmail, token: tokenOf(a.triggeredByToken) } : null,
    status: a.status,
    errorClass: a.errorClass,
    errorMessage: a.errorMessage,
    durationMs: a.durationMs,
    startedAt: a.startedAt,
    sentAt: a.sentAt,
    finishedAt: a.finishedAt,
    timeoutSeconds: a.timeoutSeconds,
    httpStatus: a.responseStatus,
    url: a.requestUrl,
  };
}
export type AttemptSummary = ReturnType<typeof toAttemptSummary>;

/**
 * An attempt with the body it sent: bodies are stored once, on the message (`withBody` reads it
 * there); attempts recorded before that carry their own copy.
 */
export type AttemptWithBody = Attempt & { message?: { body: string } | null };

/** The Prisma `include` that brings an attempt's body along. */
export const withBody = { message: { select: { body: true } } } as const;

/** What the portal and the API show of an attempt: everything recorded, no secret. */
export function toAttemptView(a: AttemptWithBody) {
  const { message: _message, ...row } = a;
  const { httpStatus: _status, url: _url, ...summary } = toAttemptSummary(row);
  return {
    ...summary,
    request: {
      method: a.requestMethod,
      url: a.requestUrl,
      headers: a.requestHeaders as Record<string, string>,
      body: a.requestBody ?? a.message?.body ?? "",
    },
    response:
      a.responseStatus === null && a.responseHeaders === null
        ? null
        : {
            status: a.responseStatus,
            headers: (a.responseHeaders ?? {}) as Record<string, string>,
            body: a.responseBody,
            binary: a.responseBodyBinary,
            bodyBytes: a.responseBodyBytes,
            truncated: a.responseTruncated,
          },
  };
}
export type AttemptView = ReturnType<typeof toAttemptView>;
