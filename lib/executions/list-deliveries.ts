import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkRange, decodeCursor, encodeCursor, type Page, type Position } from "@/lib/pagination";
import { withInFlight } from "./in-flight";
import { listExecutionsQuery, type ExecutionFilters, type ListExecutionsQuery } from "./schemas";
import { flagNewerThanPinned, type FlaggedSummary } from "./schema-pin-flags";
import { summaryOmit, toAttemptSummary, type AttemptSummary } from "./views";
import { attemptWheres, inOneSnapshot, newestFirst } from "./where";

/** One message (a delivery) and every attempt of it: what a row of the grouped executions list shows. */
export interface DeliveryRow {
  /** The webhook-id every attempt of it was sent with. */
  messageId: string;
  /** The attempt that began it: when, to which integration, why. */
  first: FlaggedSummary;
  /** Its latest attempt, whose state is the delivery's: succeeded, failed, a retry scheduled… */
  last: AttemptSummary;
  /** Every attempt, first to last. */
  attempts: AttemptSummary[];
}

/** A first attempt: not a manual retry, not automatic retry #n. */
const FIRST: Prisma.AttemptWhereInput = { retryNumber: 0, kind: { not: "manual_retry" } };
/** With a filter on the final state, at most this many deliveries are looked at for one page. */
const SCAN_LIMIT = 1000;

/**
 * The executions list grouped by message: one row per delivery, newest first by when it began,
 * with its attempts and its final state, keyset-paginated on its first attempt. Filters apply to
 * the delivery: `status` to its final state (its latest attempt), `triggeredBy` and
 * `kind: "manual_retry"` to any of its attempts, the others to its first attempt. Two queries per
 * page (first attempts, then their messages' attempts by the messageId index); a filter on the
 * final state reads further batches, up to SCAN_LIMIT deliveries, and a page may then be shorter
 * than `limit` while more follow.
 */
export async function listDeliveries({ ctx, query }: { ctx: Ctx; query: ListExecutionsQuery }): Promise<Page<DeliveryRow>> {
  authorize(ctx, "portal.read");
  const { limit, cursor, ...filters } = listExecutionsQuery.parse(query);
  checkRange(filters);
  const { status, kind, triggeredBy, ...rest } = filters;
  const firstFilters: ExecutionFilters = { ...rest, kind: kind === "manual_retry" ? undefined : kind };
  const anyAttempt: Prisma.AttemptWhereInput[] = [
    ...(kind === "manual_retry" ? [{ message: { attempts: { some: { kind: "manual_retry" } } } }] : []),
    ...(triggeredBy ? [{ message: { attempts: { some: { triggeredById: triggeredBy } } } }] : []),
  ];
  const batch = status ? Math.max(limit + 1, 100) : limit + 1;
  const rows: DeliveryRow[] = [];
  let position: Position | null = decodeCursor(cursor);
  let scanned = 0;
  let exhausted = false;
  while (rows.length <= limit && !exhausted && scanned < SCAN_LIMIT) {
    const firsts = await firstAttempts(firstFilters, anyAttempt, position, batch);
    exhausted = firsts.length < batch;
    scanned += firsts.length;
    if (firsts.length === 0) break;
    const grouped = await withAttempts(firsts);
    for (const row of grouped) {
      position = { at: row.first.startedAt, id: row.first.id };
      if (!status || row.last.status === status) rows.push(row);
      if (rows.length > limit) break;
    }
  }
  const data = rows.slice(0, limit);
  const hasMore = rows.length > limit || (!exhausted && position !== null);
  const last = data.at(-1);
  const next = rows.length > limit && last ? { at: last.first.startedAt, id: last.first.id } : position;
  const flagged = await flagNewerThanPinned(data.map((r) => r.first));
  return { data: data.map((r, i) => ({ ...r, first: flagged[i]! })), nextCursor: hasMore && next ? encodeCursor(next) : null };
}

async function firstAttempts(f: ExecutionFilters, extra: Prisma.AttemptWhereInput[], position: Position | null, take: number) {
  const parts = await inOneSnapshot(
    attemptWheres(f, position).map((where) =>
      db.attempt.findMany({
        where: { AND: [where, FIRST, ...extra] },
        orderBy: newestFirst,
        take,
        select: { id: true, messageId: true, startedAt: true },
      }),
    ),
  );
  const merged =
    parts.length === 1 ? parts[0]! : parts.flat().sort((x, y) => y.startedAt.getTime() - x.startedAt.getTime() || (y.id > x.id ? 1 : -1));
  return merged.slice(0, take);
}

/** Every attempt of the given first attempts' messages, grouped, in the first attempts' order. */
async function withAttempts(firsts: { id: string; messageId: string }[]): Promise<DeliveryRow[]> {
  const all = await withInFlight(
    await db.attempt.findMany({
      where: { messageId: { in: [...new Set(firsts.map((f) => f.messageId))] } },
      omit: summaryOmit,
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    }),
  );
  const byMessage = new Map<string, AttemptSummary[]>();
  for (const a of all) {
    const list = byMessage.get(a.messageId) ?? [];
    list.push(toAttemptSummary(a));
    byMessage.set(a.messageId, list);
  }
  return firsts.flatMap((f) => {
    const attempts = byMessage.get(f.messageId);
    const first = attempts?.find((a) => a.id === f.id);
    return attempts && first ? [{ messageId: f.messageId, first, last: attempts.at(-1)!, attempts }] : [];
  });
}
