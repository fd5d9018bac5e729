import { z } from "zod";
import { exportFormat } from "@/lib/exports";
import { fromParam, pageParams, toParam } from "@/lib/pagination";
import { text } from "@/lib/validation";

export const TRIGGER_MODES = ["default", "event"] as const;
export const ATTEMPT_MODES = ["default", "event", "test"] as const;
/** alert: a failure alert about another integration, sent through this one (lib/delivery/alerts.ts). */
export const ATTEMPT_KINDS = ["initial", "automatic", "manual_retry", "test", "alert"] as const;
/** queued: recorded with its event, waiting for a worker; scheduled: an automatic retry, due at dueAt; pending: the request has left; skipped: not sent (see errorMessage). */
export const ATTEMPT_STATUSES = ["queued", "scheduled", "pending", "succeeded", "failed", "interrupted", "skipped"] as const;
export const ERROR_CLASSES = [
  "timeout",
  "dns_failure",
  "connection_refused",
  "connection_reset",
  "tls_error",
  "proxy_error",
  "protocol_error",
  "blocked_address",
  "redirect",
  "http_error",
  "disabled",
  "cancelled",
  "interrupted",
  "internal_error",
  "transform_error",
  "transform_cancelled",
] as const;

export type AttemptMode = (typeof ATTEMPT_MODES)[number];
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

const uuid = z.uuid("Use an id as returned by the API");

export const triggerInput = z.discriminatedUnion(
  "mode",
  [z.object({ mode: z.literal("default") }).strict(), z.object({ mode: z.literal("event"), eventId: uuid }).strict()],
  { error: 'Send {"mode": "default"} or {"mode": "event", "eventId": "…"}' },
);
export type TriggerInput = z.infer<typeof triggerInput>;

/** The Idempotency-Key header: any printable token up to 255 characters. */
export const idempotencyKey = z
  .string()
  .trim()
  .min(1)
  .max(255, "The Idempotency-Key header may have at most 255 characters")
  .regex(/^[\x21-\x7e]+$/, "The Idempotency-Key header must be printable ASCII without spaces");

export const listExecutionsQuery = pageParams.extend({
  integrationId: uuid.optional(),
  status: z.enum(ATTEMPT_STATUSES).optional(),
  mode: z.enum(ATTEMPT_MODES).optional(),
  kind: z.enum(ATTEMPT_KINDS).optional(),
  eventId: uuid.optional(),
  /** The webhook-id header, exactly: every attempt of one message. */
  messageId: z
    .string()
    .trim()
    .regex(/^msg_[0-9A-Z]{26}$/, "Use a webhook id as sent in the webhook-id header: msg_ and 26 letters and digits")
    .optional(),
  triggeredBy: uuid.optional(),
  subscriptionId: uuid.optional(),
  from: fromParam.optional(),
  to: toParam.optional(),
  /** Case-insensitive text in the request or the response body, among the last SEARCH_DAYS days' attempts. */
  q: text()
    .trim()
    .min(3, "Type at least 3 characters")
    .max(200, "Use at most 200 characters")
    .optional()
    .describe("Text (at least 3 characters, any case) in the request or response body; searches the last 30 days at most"),
});
/** A body search looks this many days back at most (an earlier `from` is moved up to it). */
export const SEARCH_DAYS = 30;
export type ListExecutionsQuery = z.input<typeof listExecutionsQuery>;
export type ExecutionFilters = Omit<z.output<typeof listExecutionsQuery>, "limit" | "cursor">;

/** The list's filters, without paging, and the file format of a download. */
export const exportExecutionsQuery = listExecutionsQuery.omit({ limit: true, cursor: true }).extend({ format: exportFormat });
export type ExportExecutionsQuery = z.input<typeof exportExecutionsQuery>;

/** An ISO 8601 timestamp (or a Date, when a verb is called with what the route already parsed). */
const instant = z.union(
  [z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))],
  "Use an ISO 8601 timestamp, e.g. 2026-12-01T00:00:00Z",
);

export const RECOVERABLE_STATUSES = ["failed", "interrupted", "skipped"] as const;

/** A recover: the automatic deliveries first attempted in [since, until) whose last attempt ended so. */
export const recoverInput = z
  .object({
    since: instant,
    until: instant.optional(),
    statuses: z
      .array(z.enum(RECOVERABLE_STATUSES, "Use failed, interrupted or skipped"))
      .min(1, "Choose at least one status")
      .default([...RECOVERABLE_STATUSES]),
  })
  .strict()
  .refine((r) => r.since.getFullYear() >= 2000 && (!r.until || r.since < r.until), {
    path: ["until"],
    message: "The end must be after the start",
  });
export type RecoverInput = z.input<typeof recoverInput>;

export const MAX_BULK_RETRY = 1000;

/** A bulk retry: the executions chosen by id, or every one matching the list's filters (failed or interrupted only). */
export const bulkRetryInput = z
  .object({
    ids: z.array(uuid).min(1, "Choose at least one execution").max(MAX_BULK_RETRY, `Choose at most ${MAX_BULK_RETRY}`).optional(),
    filters: listExecutionsQuery.omit({ limit: true, cursor: true }).strict().optional(),
  })
  .strict()
  .refine((b) => (b.ids === undefined) !== (b.filters === undefined), { message: 'Send either "ids" or "filters"' });
export type BulkRetryInput = z.input<typeof bulkRetryInput>;

/** The attempts a bulk retry queued (its `attemptIds`), to follow their progress. */
export const retryProgressInput = z
  .object({ ids: z.array(uuid).min(1, "Give at least one execution id").max(MAX_BULK_RETRY, `Give at most ${MAX_BULK_RETRY} ids`) })
  .strict();
export type RetryProgressInput = z.input<typeof retryProgressInput>;

/** The pick-lists of the history filters that are searched as one types. */
export const FILTER_OPTION_FIELDS = ["integration", "user"] as const;
export type FilterOptionField = (typeof FILTER_OPTION_FIELDS)[number];

/** A search of one pick-list: what was typed so far (empty: the first ones by name). */
export const searchFilterOptionsInput = z
  .object({
    field: z.enum(FILTER_OPTION_FIELDS, "Use integration or user"),
    q: text().trim().max(100, "Use at most 100 characters").default(""),
  })
  .strict();
export type SearchFilterOptionsInput = z.input<typeof searchFilterOptionsInput>;

/** The ids chosen in the filters, whose names the pick-lists show. */
export const filterLabelsInput = z.object({ integrationIds: z.array(z.string()).default([]), userIds: z.array(z.string()).default([]) });
export type FilterLabelsInput = z.input<typeof filterLabelsInput>;
