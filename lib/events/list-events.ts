import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, olderThan, toPage, type Page } from "@/lib/pagination";
import { eventSummarySelect, listEventsQuery, toEventSummary, type EventSummary, type ListEventsQuery } from "./schemas";

/**
 * Events newest first, by (occurredAt, id), filtered. Each filter is served by an index: type,
 * severity and source by their (column, occurredAt, id) indexes, the range by (occurredAt, id),
 * the title search by the trigram index. Details are left out: open one event to read them.
 * `query` is the query string as it came (the verb parses it).
 */
export async function listEvents({ ctx, query }: { ctx: Ctx; query: ListEventsQuery }): Promise<Page<EventSummary>> {
  authorize(ctx, "portal.read");
  const { type, severity, source, from, to, q, limit, cursor } = listEventsQuery.parse(query);
  const position = decodeCursor(cursor);
  const where: Prisma.EventWhereInput = {
    type,
    severity,
    source,
    occurredAt: { gte: from, lt: to },
    ...(q && { title: { contains: escapeLike(q), mode: "insensitive" } }),
    ...olderThan("occurredAt", position),
  };
  const rows = await db.event.findMany({
    where,
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: eventSummarySelect,
  });
  return toPage(rows.map(toEventSummary), limit, (e) => e.occurredAt);
}

/** Prisma passes `contains` to ILIKE as is: make % and _ match themselves (backslash is the escape character). */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");
