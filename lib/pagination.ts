import { z } from "zod";
import { invalid } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { DATE_RANGE, isStorableDate, LATEST_DATE, text } from "@/lib/validation";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One contract for the time range of every list (events, executions, the audit log, and their
 * exports): `from` is inclusive and `to` exclusive, each a date (`2025-01-31`, a whole UTC day) or
 * an ISO 8601 timestamp. A date as `from` starts at that day's first instant (00:00 UTC); a date as
 * `to` includes that whole day (the range ends where the next day starts). A timestamp is exact.
 */
const rangeBound = (end: boolean) =>
  z
    .union(
      [
        z.iso.date().transform((s) => new Date(Date.parse(`${s}T00:00:00Z`) + (end ? DAY_MS : 0))),
        z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
      ],
      "Use a date (2025-01-31) or an ISO 8601 timestamp",
    )
    // The end of 9999-12-31 is the first instant of year 10000: the last storable one will do.
    .transform((d) => (end && d.getTime() > LATEST_DATE.getTime() ? LATEST_DATE : d))
    .refine(isStorableDate, DATE_RANGE);

export const RANGE_FROM_TEXT = "Start of the range, inclusive: a date (2025-01-31, from 00:00 UTC that day) or an ISO 8601 timestamp";
export const RANGE_TO_TEXT = "End of the range: a date (2025-01-31) includes that whole UTC day; an ISO 8601 timestamp is exclusive";
/** `from` of a list's range (see rangeBound). */
export const fromParam = rangeBound(false).describe(RANGE_FROM_TEXT);
/** `to` of a list's range (see rangeBound). */
export const toParam = rangeBound(true).describe(RANGE_TO_TEXT);

export const RANGE_ORDER = "The end must be after the start";
/** A range whose end is not after its start is refused (422 with a field error on `to`), the same for every list. */
export function checkRange(range: { from?: Date; to?: Date }) {
  if (range.from && range.to && range.from >= range.to) throw invalid(RANGE_ORDER, { to: [RANGE_ORDER] });
}

/** `limit` and `cursor` of every list: 50 by default, at most 200. */
export const pageParams = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: text().max(200).optional(),
});
export type PageParams = z.infer<typeof pageParams>;

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** A keyset position: the sort timestamp and the id of the last row of a page. */
export interface Position {
  at: Date;
  id: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Position | null {
  if (!cursor) return null;
  try {
    const [at, id, ...rest] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const date = typeof at === "string" ? new Date(at) : new Date(Number.NaN);
    // Only what encodeCursor writes: a storable timestamp and a row id (every list's id is a uuid).
    if (rest.length > 0 || typeof id !== "string" || !isUuid(id) || !isStorableDate(date)) throw new Error("bad cursor");
    return { at: date, id: id.toLowerCase() };
  } catch {
    throw invalid("The cursor is not valid. Start again from the first page.", { cursor: ["Invalid cursor"] });
  }
}

/**
 * Prisma `where` for "strictly after this position" in newest-first order on (field, id).
 * Pair with `orderBy: [{ [field]: "desc" }, { id: "desc" }]` and an index on the same columns.
 * The position's timestamp is repeated as a plain upper bound, which the planner can use to start
 * the index scan at the cursor (the OR alone makes it read and discard every newer row).
 */
export function olderThan(field: string, position: Position | null) {
  if (!position) return {};
  return {
    AND: [{ [field]: { lte: position.at } }, { OR: [{ [field]: { lt: position.at } }, { [field]: position.at, id: { lt: position.id } }] }],
  };
}

/** Fetch limit + 1 rows, then call this: it trims the extra row and makes the next cursor. */
export function toPage<T extends { id: string }>(rows: T[], limit: number, at: (row: T) => Date): Page<T> {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data, nextCursor: hasMore && last ? encodeCursor({ at: at(last), id: last.id }) : null };
}
