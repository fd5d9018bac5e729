import { z } from "zod";
import { DATE_RANGE, isStorableDate, isStorableJson, singleLine, text, UNSTORABLE_JSON } from "@/lib/validation";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fromParam, pageParams, RANGE_FROM_TEXT, RANGE_ORDER, RANGE_TO_TEXT, toParam } from "@/lib/pagination";

export const EVENT_SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type EventSeverity = (typeof EVENT_SEVERITIES)[number];

/** The details of an event may be up to this size, serialized as compact JSON. */
export const MAX_DETAILS_BYTES = 256 * 1024;
/** The ingestion request may be a little larger than its details (other fields, whitespace). */
export const MAX_EVENT_REQUEST_BYTES = MAX_DETAILS_BYTES + 32 * 1024;
/** Deeper details are refused: nobody reads them, and they would exhaust the stack of parsers. */
export const MAX_DETAILS_DEPTH = 32;

export type JsonObject = Prisma.JsonObject;
export type JsonValue = Prisma.JsonValue;

export const eventType = z
  .string()
  .trim()
  .max(100, "Use at most 100 characters")
  .regex(/^[a-z0-9]+(?:[_-][a-z0-9]+)*(?:\.[a-z0-9]+(?:[_-][a-z0-9]+)*)+$/, "Use dot-separated lowercase segments, e.g. incident.opened");

const severity = z.enum(EVENT_SEVERITIES, "Use one of: info, low, medium, high, critical");

const source = singleLine().min(1, "Name the system the event comes from").max(100, "Use at most 100 characters");

/**
 * A key named `__proto__` is ordinary JSON, but JavaScript objects cannot hold it as data
 * everywhere details travel (validation, filters, payload builders would drop or misread it), so
 * it is refused with its path rather than dropped silently.
 */
const details = z
  .unknown()
  .superRefine((value, ctx) => {
    const path = protoKeyPath(value);
    if (path)
      ctx.addIssue({
        code: "custom",
        message: `details.${path.join(".")}: rename this key; __proto__ cannot be kept as a key`,
        abort: true,
      });
  })
  .pipe(z.record(z.string(), z.unknown(), "Send details as a JSON object"))
  .refine((value) => jsonDepth(value) <= MAX_DETAILS_DEPTH, `Nest details at most ${MAX_DETAILS_DEPTH} levels deep`)
  .refine(isStorableJson, UNSTORABLE_JSON)
  .pipe(z.record(z.string(), z.json()));

const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

const occurredAt = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))], "Use an ISO 8601 timestamp, e.g. 2025-01-31T12:00:00Z")
  .refine(isStorableDate, DATE_RANGE)
  .refine((d) => d.getTime() <= Date.now() + FUTURE_TOLERANCE_MS, "The event cannot occur more than a day in the future");

export const createEventInput = z.object({
  type: eventType,
  title: singleLine().min(1, "Give the event a title").max(200, "Use at most 200 characters"),
  severity,
  source,
  /** Absent: the time the portal receives it. */
  occurredAt: occurredAt.optional(),
  details: details.default({}),
});
export type CreateEventInput = z.input<typeof createEventInput>;

/** An empty query parameter (`?type=`) is no filter at all. */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

export const listEventsQuery = pageParams
  .extend({
    type: optional(eventType),
    severity: optional(severity),
    source: optional(source),
    from: optional(fromParam).describe(RANGE_FROM_TEXT),
    to: optional(toParam).describe(RANGE_TO_TEXT),
    /** Case-insensitive substring of the title. */
    q: optional(text().trim().min(3, "Type at least 3 characters").max(200, "Use at most 200 characters")),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { path: ["to"], message: RANGE_ORDER });
export type EventFilters = z.output<typeof listEventsQuery>;
export type ListEventsQuery = z.input<typeof listEventsQuery>;

/** The path of the first key named `__proto__` in a parsed JSON value, or null. Iterative: any depth. */
export function protoKeyPath(value: unknown): string[] | null {
  const stack: [unknown, string[]][] = [[value, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (!node || typeof node !== "object" || path.length > MAX_DETAILS_DEPTH) continue;
    for (const key of Object.keys(node)) {
      if (key === "__proto__") return [...path, key];
      stack.push([(node as Record<string, unknown>)[key], [...path, key]]);
    }
  }
  return null;
}

/** How deeply objects and arrays nest in a value, without recursion. */
function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== "object") continue;
    if (depth > max) max = depth;
    if (max > MAX_DETAILS_DEPTH) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** What a list shows of an event: everything but its details, which may be large. */
export const eventSummarySelect = {
  id: true,
  type: true,
  title: true,
  severity: true,
  source: true,
  occurredAt: true,
  createdAt: true,
} as const;

export const eventSelect = { ...eventSummarySelect, details: true } as const;

export interface EventSummary {
  id: string;
  type: string;
  title: string;
  severity: EventSeverity;
  source: string;
  occurredAt: Date;
  createdAt: Date;
}

/** An event as verbs return it, and as the webhook payload builder takes it (EnvelopeEvent). */
export interface EventView extends EventSummary {
  details: JsonObject;
}

/** Rows are only ever written through `createEventInput`, so their severity and details fit. */
export const toEventView = (row: Prisma.EventGetPayload<{ select: typeof eventSelect }>) => row as EventView;
export const toEventSummary = (row: Prisma.EventGetPayload<{ select: typeof eventSummarySelect }>) => row as EventSummary;
