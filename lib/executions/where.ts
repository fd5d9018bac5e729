import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { olderThan, type Position } from "@/lib/pagination";
import { SEARCH_DAYS, type ExecutionFilters } from "./schemas";

/**
 * The `where` of a newest-first attempt list after a keyset position, finished and in-flight
 * attempts alike (a caller that counts outcomes adds `finished`). Every filter is the leading
 * column of an (x, startedAt desc, id desc) index; the cursor's timestamp is repeated as an upper
 * bound of startedAt, so the index scan starts at the cursor instead of filtering its way there.
 * A body search (`q`) looks back SEARCH_DAYS days at most: the range is what keeps a common word
 * from reading the whole history.
 */
export function attemptWhere(f: ExecutionFilters, position: Position | null, now = new Date()): Prisma.AttemptWhereInput {
  const [where] = searchWheres(f, position, now);
  return where;
}

/**
 * The `where`s whose results, merged newest first, are the list. The history indexes cover
 * finished attempts only (`WHERE "finishedAt" IS NOT NULL`) and small ones the attempts still in
 * flight (`WHERE "finishedAt" IS NULL`), so that queuing a delivery adds nothing to the history's
 * indexes: each part below asks for one side, whose index the planner can then use. A status
 * filter keeps only the side it belongs to.
 *
 * With a body search, the attempts whose request body matches (stored once, on the message: a
 * semi-join from its trigram index), on both sides, and the finished ones whose response body alone
 * matches (the response's trigram index; an attempt in flight has no response). Queries that each
 * use their index, where one `OR` across the two tables would use neither.
 */
export function attemptWheres(f: ExecutionFilters, position: Position | null, now = new Date()): Prisma.AttemptWhereInput[] {
  const sides = f.status ? [IN_FLIGHT_STATUSES.has(f.status) ? inFlight : finished] : [finished, inFlight];
  const [first, inResponse] = searchWheres(f, position, now);
  return [
    ...sides.map((side) => ({ AND: [first, side] })),
    ...(inResponse && sides.includes(finished) ? [{ AND: [inResponse, finished] }] : []),
  ];
}

/** The attempts of a list before it is split into finished and in flight: see attemptWheres. */
function searchWheres(f: ExecutionFilters, position: Position | null, now: Date): Prisma.AttemptWhereInput[] {
  const from = f.q ? latest(f.from, new Date(now.getTime() - SEARCH_DAYS * DAY_MS)) : f.from;
  const base: Prisma.AttemptWhereInput = {
    integrationId: f.integrationId,
    status: f.status,
    mode: f.mode,
    kind: f.kind,
    eventId: f.eventId,
    messageId: f.messageId,
    triggeredById: f.triggeredBy,
    subscriptionId: f.subscriptionId,
    startedAt: { gte: from, lt: f.to },
    ...olderThan("startedAt", position),
  };
  if (!f.q) return [base];
  const inRequest: Prisma.AttemptWhereInput = { message: { body: { contains: escapeLike(f.q), mode: "insensitive" } } };
  const inResponse: Prisma.AttemptWhereInput = { responseBody: { contains: escapeLike(f.q), mode: "insensitive" } };
  return [{ AND: [base, inRequest] }, { AND: [base, inResponse, { NOT: inRequest }] }];
}

/**
 * An attempt whose outcome is recorded: the side the history indexes cover (their predicate is
 * `"finishedAt" IS NOT NULL`, which is what Prisma sends for this, so the planner can use them).
 * Every finished status has finishedAt set and every status in flight has it null (a check
 * constraint on the table holds the two together).
 */
export const finished: Prisma.AttemptWhereInput = { finishedAt: { not: null } };
/** An attempt queued, scheduled or being sent: the side of the small in-flight indexes. */
export const inFlight: Prisma.AttemptWhereInput = { finishedAt: null };
/** The statuses of an attempt in flight (finishedAt null); every other status is final. */
export const IN_FLIGHT_STATUSES: ReadonlySet<string> = new Set(["queued", "scheduled", "pending"]);

/**
 * Attempts matching a list's filters after a keyset position, newest first, `take` at most: one
 * query per `where` of attemptWheres, merged. `args` selects the columns (omit, include or select).
 */
export async function findAttempts<A extends Omit<Prisma.AttemptFindManyArgs, "where" | "orderBy" | "take">>(
  f: ExecutionFilters,
  position: Position | null,
  take: number,
  args: A,
): Promise<Prisma.AttemptGetPayload<A>[]> {
  const parts = (await inOneSnapshot(
    attemptWheres(f, position).map((where) => db.attempt.findMany({ ...args, where, orderBy: newestFirst, take })),
  )) as unknown as Prisma.AttemptGetPayload<A>[][];
  if (parts.length === 1) return parts[0];
  const key = (a: unknown) => a as { startedAt: Date; id: string };
  return parts
    .flat()
    .sort((x, y) => key(y).startedAt.getTime() - key(x).startedAt.getTime() || (key(y).id > key(x).id ? 1 : key(y).id < key(x).id ? -1 : 0))
    .slice(0, take);
}

/**
 * Runs the queries of a list's parts in one snapshot (a read-only repeatable-read transaction on
 * one connection). Sent apart, an attempt finished between the two would be in neither side: the
 * finished side read before its outcome, the in-flight side after.
 */
export function inOneSnapshot<T>(queries: Prisma.PrismaPromise<T>[]): Promise<T[]> {
  if (queries.length === 1) return Promise.all(queries);
  return db.$transaction(queries, { isolationLevel: "RepeatableRead" });
}

const DAY_MS = 86_400_000;
const latest = (a: Date | undefined, b: Date) => (a && a > b ? a : b);
/** Prisma passes `contains` to ILIKE as is: make % and _ match themselves (backslash is the escape character). */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, "\\$&");

export const newestFirst: Prisma.AttemptOrderByWithRelationInput[] = [{ startedAt: "desc" }, { id: "desc" }];
