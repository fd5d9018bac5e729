import { z } from "zod";
import { exportFormat } from "@/lib/exports";
import { dateParam, pageParams } from "@/lib/pagination";

export const TRIGGER_MODES = ["default", "event"] as const;
export const ATTEMPT_MODES = ["default", "event", "test"] as const;
export const ATTEMPT_KINDS = ["initial", "manual_retry", "test"] as const;
export const ATTEMPT_STATUSES = ["pending", "succeeded", "failed", "interrupted"] as const;
export const ERROR_CLASSES = [
  "timeout",
  "dns_failure",
  "connection_refused",
  "connection_reset",
  "tls_error",
  "blocked_address",
  "redirect",
  "http_error",
  "disabled",
  "interrupted",
  "internal_error",
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
  messageId: z.string().trim().regex(/^msg_[0-9A-Z]{26}$/, "Use a webhook id as sent in the webhook-id header: msg_ and 26 letters and digits").optional(),
  triggeredBy: uuid.optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
});
export type ListExecutionsQuery = z.input<typeof listExecutionsQuery>;
export type ExecutionFilters = Omit<z.output<typeof listExecutionsQuery>, "limit" | "cursor">;

/** The list's filters, without paging, and the file format of a download. */
export const exportExecutionsQuery = listExecutionsQuery.omit({ limit: true, cursor: true }).extend({ format: exportFormat });
export type ExportExecutionsQuery = z.input<typeof exportExecutionsQuery>;
