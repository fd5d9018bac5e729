import { z } from "zod";
import { EVENT_SEVERITIES } from "@/lib/events/schemas";
import { AppError } from "@/lib/errors";
import { parseJsonExactly } from "@/lib/exact-json";
import { isStorableJson, singleLine, text, UNSTORABLE_JSON } from "@/lib/validation";
import { EVENT_TYPE_PATTERN, filterProblems, type EventFilter } from "@/lib/webhooks/match";
import {
  DEFAULT_RETRY_PRESET,
  MAX_RETRIES,
  MAX_RETRY_DELAY_SECONDS,
  MIN_RETRY_DELAY_SECONDS,
  RETRY_PRESETS,
} from "@/lib/webhooks/retry-policy";

export const MAX_DISABLE_AFTER_FAILURES = 1000;

/** Delays in seconds before each automatic retry; null or [] is no automatic retry. */
const retrySchedule = z
  .array(
    z
      .number("Give each delay in seconds")
      .int("Use whole seconds")
      .min(MIN_RETRY_DELAY_SECONDS, `Wait at least ${MIN_RETRY_DELAY_SECONDS} second before a retry`)
      .max(MAX_RETRY_DELAY_SECONDS, "Wait at most 24 hours (86400 seconds) before a retry"),
    "Send retrySchedule as a list of delays in seconds, e.g. [60, 300, 1800], or null",
  )
  .max(MAX_RETRIES, `Use at most ${MAX_RETRIES} retries`)
  .nullable()
  .transform((delays) => delays ?? []);

const disableAfterFailures = z
  .number("Give a number of failed deliveries")
  .int("Use a whole number")
  .min(1, "Use at least 1")
  .max(MAX_DISABLE_AFTER_FAILURES, `Use at most ${MAX_DISABLE_AFTER_FAILURES}`);

export const SUBSCRIPTION_MODES = ["event", "default"] as const;
export type SubscriptionMode = (typeof SUBSCRIPTION_MODES)[number];

const eventTypePattern = text()
  .trim()
  .max(100, "Use at most 100 characters")
  .regex(EVENT_TYPE_PATTERN, "Use an event type (incident.opened), a prefix wildcard (incident.*) or * for every type");

const source = singleLine().min(1, "A source cannot be empty").max(100, "Use at most 100 characters");

/** The filter on event fields (lib/webhooks/match.ts); its problems become field errors by path. */
const filter = z.unknown().superRefine((value, ctx) => {
  if (value === null || value === undefined) return;
  if (!isStorableJson(value)) return void ctx.addIssue({ code: "custom", message: UNSTORABLE_JSON });
  for (const [path, messages] of Object.entries(filterProblems(value))) {
    for (const message of messages) ctx.addIssue({ code: "custom", message: `${path}: ${message}` });
  }
}) as unknown as z.ZodType<EventFilter | null | undefined>;

/** Schema versions the receiver is built for, by exact event type: { "order.paid": 2 }. */
const schemaPins = z
  .record(
    text().regex(/^[a-z0-9]+(?:[_-][a-z0-9]+)*(?:\.[a-z0-9]+(?:[_-][a-z0-9]+)*)+$/, "Pin exact event types, e.g. order.paid"),
    z.number("Give a schema version").int("Use a whole version number").min(1, "Versions start at 1"),
    'Send schemaPins as an object of versions by event type, e.g. {"order.paid": 2}',
  )
  .refine((pins) => Object.keys(pins).length <= 50, "Pin at most 50 types");

const fields = {
  eventTypes: z
    .array(eventTypePattern, 'Send eventTypes as a list, e.g. ["incident.*"]')
    .min(1, "Choose at least one event type (or * for every type)")
    .max(50, "Use at most 50 event types")
    .transform((types) => [...new Set(types)]),
  minSeverity: z.enum(EVENT_SEVERITIES, "Use one of: info, low, medium, high, critical").nullable(),
  sources: z
    .array(source, "Send sources as a list of names")
    .max(50, "Use at most 50 sources")
    .transform((s) => [...new Set(s)]),
  filter: filter.nullable(),
  mode: z.enum(SUBSCRIPTION_MODES, 'Use "event" (the event as payload) or "default" (an empty body)'),
  enabled: z.boolean("Use true or false"),
  description: text().trim().max(500, "Use at most 500 characters"),
};

export const createSubscriptionInput = z
  .object({
    eventTypes: fields.eventTypes,
    minSeverity: fields.minSeverity.default(null),
    sources: fields.sources.default([]),
    filter: fields.filter.default(null),
    mode: fields.mode.default("event"),
    enabled: fields.enabled.default(true),
    description: fields.description.default(""),
    /** Absent: the 1 min, 5 min, 30 min preset; null or []: no automatic retry. */
    retrySchedule: retrySchedule.default([...RETRY_PRESETS[DEFAULT_RETRY_PRESET].schedule]),
    retryJitter: z.boolean("Use true or false").default(RETRY_PRESETS[DEFAULT_RETRY_PRESET].jitter),
    disableAfterFailures: disableAfterFailures.default(3),
    schemaPins: schemaPins.default({}),
  })
  .strict();
export type CreateSubscriptionInput = z.input<typeof createSubscriptionInput>;

/** Every field optional: what is absent stays as it is. */
export const updateSubscriptionInput = z
  .object({
    eventTypes: fields.eventTypes.optional(),
    minSeverity: fields.minSeverity.optional(),
    sources: fields.sources.optional(),
    filter: fields.filter.optional(),
    mode: fields.mode.optional(),
    enabled: fields.enabled.optional(),
    description: fields.description.optional(),
    retrySchedule: retrySchedule.optional(),
    retryJitter: z.boolean("Use true or false").optional(),
    disableAfterFailures: disableAfterFailures.optional(),
    schemaPins: schemaPins.optional(),
  })
  .strict();
export type UpdateSubscriptionInput = z.input<typeof updateSubscriptionInput>;

/** The form's text field for the pinned versions: JSON, parsed before the schema sees it. */
export function parsePinsText(text: string): { ok: true; value: Record<string, number> } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object" || Array.isArray(value))
      return { ok: false, message: 'Write an object, e.g. {"order.paid": 2}' };
    return { ok: true, value: value as Record<string, number> };
  } catch {
    return { ok: false, message: "The pinned versions are not valid JSON" };
  }
}

/** The form's text field for the filter: JSON, parsed before the schema sees it. */
export function parseFilterText(text: string): { ok: true; value: EventFilter | null } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: true, value: null };
  try {
    return { ok: true, value: parseJsonExactly(text) as EventFilter };
  } catch (error) {
    return { ok: false, message: error instanceof AppError ? error.message : "The filter is not valid JSON" };
  }
}
