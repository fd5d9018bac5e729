import type { Attempt } from "@/lib/generated/prisma/client";

/** What the portal and the API show of an attempt: everything recorded, no secret. */
export function toAttemptView(a: Attempt) {
  return {
    id: a.id,
    messageId: a.messageId,
    integrationId: a.integrationId,
    integrationName: a.integrationName,
    mode: a.mode,
    eventId: a.eventId,
    kind: a.kind,
    retryOfId: a.retryOfId,
    triggeredBy: a.triggeredById ? { id: a.triggeredById, email: a.triggeredByEmail } : null,
    status: a.status,
    errorClass: a.errorClass,
    errorMessage: a.errorMessage,
    durationMs: a.durationMs,
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    timeoutSeconds: a.timeoutSeconds,
    request: { method: a.requestMethod, url: a.requestUrl, headers: a.requestHeaders as Record<string, string>, body: a.requestBody },
    response:
      a.responseStatus === null && a.responseHeaders === null
        ? null
        : {
            status: a.responseStatus,
            headers: (a.responseHeaders ?? {}) as Record<string, string>,
            body: a.responseBody,
            bodyBytes: a.responseBodyBytes,
            truncated: a.responseTruncated,
          },
  };
}
export type AttemptView = ReturnType<typeof toAttemptView>;

/** The list row: the same without request and response bodies. */
export function toAttemptSummary(a: Attempt) {
  const { request, response, ...rest } = toAttemptView(a);
  return { ...rest, httpStatus: response?.status ?? null, url: request.url };
}
export type AttemptSummary = ReturnType<typeof toAttemptSummary>;
