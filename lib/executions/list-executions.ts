import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, olderThan, toPage, type Page } from "@/lib/pagination";
import { listExecutionsQuery, type ListExecutionsQuery } from "./schemas";
import { toAttemptSummary, type AttemptSummary } from "./views";

/**
 * Attempts newest first, filtered, paginated by a (startedAt, id) keyset cursor: every page
 * costs the same however deep, served by the (filter…, startedAt desc, id desc) indexes.
 */
export async function listExecutions({ ctx, query }: { ctx: Ctx; query: ListExecutionsQuery }): Promise<Page<AttemptSummary>> {
  authorize(ctx, "portal.read");
  const q = listExecutionsQuery.parse(query);
  const where: Prisma.AttemptWhereInput = {
    integrationId: q.integrationId,
    status: q.status,
    mode: q.mode,
    kind: q.kind,
    eventId: q.eventId,
    triggeredById: q.triggeredBy,
    ...(q.from || q.to ? { startedAt: { gte: q.from, lt: q.to } } : {}),
    ...olderThan("startedAt", decodeCursor(q.cursor)),
  };
  const rows = await db.attempt.findMany({ where, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: q.limit + 1 });
  const page = toPage(rows, q.limit, (a) => a.startedAt);
  return { data: page.data.map(toAttemptSummary), nextCursor: page.nextCursor };
}
