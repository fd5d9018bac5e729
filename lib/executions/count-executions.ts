import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { checkRange } from "@/lib/pagination";
import { listExecutionsQuery, type ListExecutionsQuery } from "./schemas";
import { attemptWheres, findAttempts, inOneSnapshot, newestFirst } from "./where";

/** Counting stops here: past it the answer is "more than 10,000", which costs no more than 10,000 index entries. */
export const COUNT_LIMIT = 10_000;
/** A body search counts to here at most: each row it counts is a body read, not an index entry. */
export const SEARCH_COUNT_LIMIT = 1_000;

/**
 * How many attempts match a list's filters (its cursor and page size aside): exact up to
 * `upTo` (COUNT_LIMIT; SEARCH_COUNT_LIMIT with a body search), then `{ count: upTo, more: true }`.
 * Served by the same indexes as the list: the finished attempts and those in flight are counted
 * apart, each by its side's indexes, in the list's order (unordered, Prisma counts the first rows
 * by id: a walk of the primary key that reads the table for every condition).
 */
export async function countExecutions({
  ctx,
  query,
  upTo = COUNT_LIMIT,
}: {
  ctx: Ctx;
  query: ListExecutionsQuery;
  upTo?: number;
}): Promise<{ count: number; more: boolean }> {
  authorize(ctx, "portal.read");
  const { limit: _limit, cursor: _cursor, ...filters } = listExecutionsQuery.parse(query);
  checkRange(filters);
  const cap = filters.q ? Math.min(upTo, SEARCH_COUNT_LIMIT) : upTo;
  // A search counts in the list's order, so the planner weighs it as it weighs the list: the newest
  // first by time for a common word (stopping at the cap), the trigram indexes for a rare one.
  // Unordered, it would build the bitmap of every match of a common word first.
  const found = filters.q
    ? (await findAttempts(filters, null, cap + 1, { select: { id: true, startedAt: true } })).length
    : (
        await inOneSnapshot(attemptWheres(filters, null).map((where) => db.attempt.count({ where, orderBy: newestFirst, take: cap + 1 })))
      ).reduce((a, b) => a + b, 0);
  return { count: Math.min(found, cap), more: found > cap };
}
