import { z } from "zod";
import { apiTokenLabel, exportFiles, pageOf, type ApiOperation } from "@/lib/api/operations";
import { sendExampleInput } from "@/lib/event-types/schemas";
import { deliveryStateQuery } from "./delivery-state";
import { bulkRetryInput, idempotencyKey, RECOVERABLE_STATUSES, recoverInput } from "./schemas";
import {
  ATTEMPT_KINDS,
  ATTEMPT_MODES,
  ATTEMPT_STATUSES,
  ERROR_CLASSES,
  exportExecutionsQuery,
  listExecutionsQuery,
  triggerInput,
} from "./schemas";

const recoveryView = z.object({
  id: z.uuid(),
  integrationId: z.uuid(),
  since: z.date(),
  until: z.date().nullable(),
  statuses: z.array(z.enum(RECOVERABLE_STATUSES)),
  state: z.enum(["queued", "running", "completed", "cancelled", "failed"]),
  matched: z.number().int().describe("Deliveries found to send again (at most 10,000)"),
  processed: z.number().int(),
  requeued: z.number().int().describe("Queued again so far"),
  cancelRequested: z.boolean(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

const attemptSummary = z.object({
  id: z.uuid(),
  messageId: z.string().describe("The webhook-id header: shared by a message's first attempt and its retries"),
  integrationId: z.uuid().nullable().describe("Null once the integration is deleted; integrationName keeps its name"),
  integrationName: z.string(),
  mode: z.enum(ATTEMPT_MODES),
  eventId: z.uuid().nullable(),
  kind: z.enum(ATTEMPT_KINDS),
  retryOfId: z.uuid().nullable(),
  subscriptionId: z.uuid().nullable().describe("For an automatic delivery: the subscription the event matched"),
  retryNumber: z.number().int().describe("0 for a first attempt; n for automatic retry #n of its message"),
  nextRetryAt: z.date().nullable().describe("When the automatic retry scheduled after this attempt is due; null when none is"),
  dueAt: z.date().nullable().describe("When a queued or scheduled attempt is due to be sent"),
  triggeredBy: z
    .object({
      id: z.uuid(),
      email: z.string().nullable(),
      token: apiTokenLabel.nullable().describe("The API token the request came with; null from the portal's UI"),
    })
    .nullable()
    .describe("Null for an automatic delivery"),
  status: z.enum(ATTEMPT_STATUSES),
  errorClass: z.enum(ERROR_CLASSES).nullable(),
  errorMessage: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  startedAt: z.date().describe("When the attempt was recorded: sent then, or (automatic) queued then"),
  sentAt: z.date().nullable().describe("When the request left; null while queued or when nothing was sent"),
  finishedAt: z.date().nullable(),
  timeoutSeconds: z.number().int(),
  httpStatus: z.number().int().nullable(),
  url: z.string(),
});
const attemptView = attemptSummary.omit({ httpStatus: true, url: true }).extend({
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.record(z.string(), z.string()).describe("As sent; the bearer token masked to its last 4 characters"),
    body: z.string(),
  }),
  response: z
    .object({
      status: z.number().int().nullable(),
      headers: z.record(z.string(), z.string()),
      body: z.string().nullable().describe("At most the first 64 KiB"),
      binary: z.boolean().describe("True when the body is not UTF-8 text: its non-text bytes are written \\xNN and backslashes \\\\"),
      bodyBytes: z.number().int().nullable(),
      truncated: z.boolean(),
    })
    .nullable(),
});
const executionDetail = attemptView.extend({
  retriesAllowed: z.number().int().nullable().describe("How many automatic retries its subscription allows; null for manual sends"),
  schemaPin: z
    .object({
      eventType: z.string(),
      pinnedVersion: z.number().int().describe("The schema version the subscription pinned for the type"),
      eventVersion: z.number().int().nullable().describe("The version the event's details were checked against"),
      newer: z.boolean().describe("The event was checked against a newer version than the pinned one"),
    })
    .nullable()
    .describe("For an automatic delivery whose subscription pins the event's type; null otherwise"),
  timeline: z.array(attemptSummary).describe("Every attempt of the same message, oldest first"),
});

const readErrors = { 401: "Not signed in and no valid API token" };
const sendErrors = {
  ...readErrors,
  403: "Without the trigger permission",
  404: "No such integration, execution or event",
  409: "The webhook is not configured (webhook_not_configured) or disabled (webhook_disabled)",
  429: "More than PORTAL_TRIGGER_RATE_LIMIT triggers, retries and test sends in a minute (Retry-After says when to try again)",
};

export const executionOperations: ApiOperation[] = [
  {
    method: "post",
    path: "/api/v1/integrations/{id}/trigger",
    tag: "Executions",
    permission: "integrations.trigger",
    summary: "Trigger an integration",
    description:
      "Sends the integration's webhook now, signed per Standard Webhooks: `default` mode with an empty body, `event` mode with the event's details. The answer comes once the receiver has answered or the timeout has passed. Never retried automatically. With an Idempotency-Key header, the same key from the same user within 24 hours answers 200 with the first attempt (Idempotent-Replayed: true) instead of sending again (a replay takes no rate-limit allowance); the same key with a different integration, mode or event answers 422 idempotency_key_reused.",
    request: triggerInput,
    headers: [
      {
        name: "Idempotency-Key",
        description: "Any printable token: the same key from the same user within 24 hours answers the first attempt again",
        schema: idempotencyKey,
      },
    ],
    response: attemptView,
    responseHeaders: { 200: { "Idempotent-Replayed": "true: this is the earlier attempt with the same Idempotency-Key" } },
    responses: {
      201: "The attempt, completed (succeeded or failed)",
      200: "The earlier attempt with the same Idempotency-Key",
      ...sendErrors,
      429: `${sendErrors[429]}, or more manual triggers than the workspace's plan allows a minute`,
      422: "The body is not valid (validation_failed), or the Idempotency-Key was used for a different request (idempotency_key_reused)",
    },
  },
  {
    method: "post",
    path: "/api/v1/event-types/{name}/send-example",
    tag: "Executions",
    permission: "integrations.manage",
    summary: "Send an event type's example",
    description:
      "Sends the catalog's example of the type (its latest details that fit the schema, or details made from the schema) to an integration in its connector format, signed, recorded as a test attempt; no event is stored. Works while the webhook is disabled. Counts against the sender's PORTAL_TRIGGER_RATE_LIMIT.",
    request: sendExampleInput,
    response: attemptView,
    responses: {
      201: "The test attempt, completed",
      ...readErrors,
      403: "Only admins send examples",
      404: "No such event type or integration",
      409: "No webhook configured",
      422: "A field is not valid",
      429: sendErrors[429],
    },
  },
  {
    method: "post",
    path: "/api/v1/integrations/{id}/webhook/test",
    tag: "Executions",
    permission: "integrations.manage",
    summary: "Send a test webhook",
    description:
      "A signed `webhook.test` message, recorded as a test attempt. Works while the webhook is disabled. Counts against the sender's PORTAL_TRIGGER_RATE_LIMIT.",
    response: attemptView,
    responses: {
      201: "The test attempt, completed",
      ...readErrors,
      403: "Only admins send test webhooks",
      404: "No such integration",
      409: "No webhook configured",
      429: sendErrors[429],
    },
  },
  {
    method: "get",
    path: "/api/v1/executions",
    tag: "Executions",
    permission: "portal.read",
    summary: "List executions",
    description: "Attempts, newest first. Filters combine.",
    query: listExecutionsQuery,
    response: pageOf(
      attemptSummary.extend({
        newerSchemaThanPinned: z
          .literal(true)
          .optional()
          .describe("An automatic delivery of an event checked against a newer schema version than its subscription pins"),
      }),
    ),
    responses: { 200: "A page of attempts (without headers and bodies)", ...readErrors, 422: "A query parameter is not valid" },
  },
  {
    method: "get",
    path: "/api/v1/executions/state",
    tag: "Executions",
    permission: "portal.read",
    summary: "Get the delivery state's fingerprint",
    description:
      "A short fingerprint of the delivery state of one integration, one event, one message or the whole portal (with `events=1`, the newest event too): it changes when an attempt in scope is recorded, claimed, finishes or is cancelled, and only then. The portal's pages poll it every few seconds and reload their data when it differs. A handful of index probes; finished attempts are not read.",
    query: deliveryStateQuery,
    response: z.object({ fingerprint: z.string().describe("Compare with the previous answer: equal means nothing changed") }),
    responses: { 200: "The fingerprint", ...readErrors, 422: "A query parameter is not valid" },
  },
  {
    method: "get",
    path: "/api/v1/executions/export",
    tag: "Executions",
    permission: "portal.read",
    summary: "Export executions",
    description: "The filtered attempts as CSV or JSON Lines, streamed, newest first. No request headers (and so no token).",
    query: exportExecutionsQuery,
    files: exportFiles(
      "attempt",
      "in GET /api/v1/executions/{id} without `retriesAllowed`, `schemaPin` and `timeline`, and without the authorization header",
    ),
    responses: { 200: "The file (text/csv or application/x-ndjson)", ...readErrors, 422: "A query parameter is not valid" },
  },
  {
    method: "get",
    path: "/api/v1/executions/{id}",
    tag: "Executions",
    permission: "portal.read",
    summary: "Get an execution",
    description: "Everything recorded about one attempt, and the timeline of its message.",
    response: executionDetail,
    responses: { 200: "The attempt", ...readErrors, 404: "No such execution" },
  },
  {
    method: "post",
    path: "/api/v1/executions/{id}/retry",
    tag: "Executions",
    permission: "integrations.trigger",
    summary: "Retry an execution",
    description:
      "A new attempt of the same message (same webhook-id and body), with a new timestamp and signature, to the integration's current URL and token.",
    response: attemptView,
    responses: { 201: "The new attempt, completed", ...sendErrors },
  },
  {
    method: "post",
    path: "/api/v1/executions/{id}/cancel-retries",
    tag: "Executions",
    permission: "integrations.trigger",
    summary: "Cancel scheduled retries",
    description:
      "Cancels the automatic retries still scheduled for this execution's message; they end skipped. A manual retry does the same before it sends. Answers 200 with how many.",
    response: z.object({ cancelled: z.number().int().describe("How many scheduled retries were cancelled") }),
    responses: {
      200: "How many were cancelled",
      401: "Not signed in and no valid API token",
      403: "Only users with the trigger permission",
      404: "No such execution",
    },
  },
  {
    method: "post",
    path: "/api/v1/integrations/{id}/recover",
    tag: "Executions",
    permission: "integrations.trigger",
    summary: "Recover failed deliveries",
    description:
      "Sends again, as a background job, every automatic delivery of the integration first attempted since `since` (and before `until`) whose last attempt ended in one of `statuses` (default: failed, interrupted, skipped), at most 10,000. Each is a new attempt of the same message (same webhook-id). A second recover does not send again what the first queued. Answers at once with the run; follow it with GET /api/v1/recoveries/{id}.",
    request: recoverInput,
    response: recoveryView,
    responses: {
      201: "The recover, queued",
      401: "Not signed in and no valid API token",
      403: "Only users with the trigger permission",
      404: "No such integration",
      422: "A field is not valid",
    },
  },
  {
    method: "get",
    path: "/api/v1/integrations/{id}/recover",
    tag: "Executions",
    permission: "portal.read",
    summary: "List an integration's latest recovers",
    response: z.object({ data: z.array(recoveryView) }),
    responses: { 200: "The latest 5, newest first", 401: "Not signed in and no valid API token", 404: "No such integration" },
  },
  {
    method: "get",
    path: "/api/v1/recoveries/{id}",
    tag: "Executions",
    permission: "portal.read",
    summary: "A recover's progress",
    response: recoveryView,
    responses: { 200: "The run with its counts", 401: "Not signed in and no valid API token", 404: "No such recover" },
  },
  {
    method: "post",
    path: "/api/v1/recoveries/{id}/cancel",
    tag: "Executions",
    permission: "integrations.trigger",
    summary: "Cancel a recover",
    description: "It stops after its current batch; what it queued already is sent.",
    response: recoveryView,
    responses: {
      200: "The run",
      401: "Not signed in and no valid API token",
      403: "Only users with the trigger permission",
      404: "No such recover",
    },
  },
  {
    method: "post",
    path: "/api/v1/executions/bulk-retry",
    tag: "Executions",
    permission: "integrations.trigger",
    summary: "Retry many executions",
    description:
      'Queues a manual retry of each chosen message whose latest attempt failed or was interrupted: by `ids`, or every execution matching `filters` (the list\'s query parameters, e.g. {"status": "failed", "integrationId": "…"}). At most 1,000; sent by the workers, each visible in the list as it goes. Automatic retries still scheduled for those messages are cancelled.',
    request: bulkRetryInput,
    response: z.object({
      queued: z.number().int(),
      matched: z.number().int().describe("Messages chosen; those already being sent again are left out"),
      attemptIds: z.array(z.uuid()).describe("The queued retries: follow them with GET /api/v1/executions/{id}"),
    }),
    responses: {
      200: "How many retries were queued",
      401: "Not signed in and no valid API token",
      403: "Only users with the trigger permission",
      422: "Neither ids nor filters, or a field is not valid",
    },
  },
];
