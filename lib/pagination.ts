import { z } from "zod";
import { invalid } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { DATE_RANGE, isStorableDate, text } from "@/lib/validation";

/** A date (`2025-01-31`, midnight UTC) or an ISO 8601 timestamp, as a list's time-range bound. */
export const dateParam = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .transform((s) => new Date(s))
  .refine(isStorableDate, DATE_RANGE);

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
    AND: [
      { [field]: { lte: position.at } },
      { OR: [{ [field]: { lt: position.at } }, { [field]: position.at, id: { lt: position.id } }] },
    ],
  };
}

/** Fetch limit + 1 rows, then call this: it trims the extra row and makes the next cursor. */
export function toPage<T extends { id: string }>(rows: T[], limit: number, at: (row: T) => Date): Page<T> {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data, nextCursor: hasMore && last ? encodeCursor({ at: at(last), id: last.id }) : null };
}
