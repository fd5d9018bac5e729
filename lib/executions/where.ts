import type { Prisma } from "@/lib/generated/prisma/client";
import { olderThan, type Position } from "@/lib/pagination";
import { SEARCH_DAYS, type ExecutionFilters } from "./schemas";

/**
 * The `where` of a newest-first attempt list after a keyset position. Every filter is the leading
 * column of an (x, startedAt desc, id desc) index; the cursor's timestamp is repeated as an upper
 * bound of startedAt, so the index scan starts at the cursor instead of filtering its way there.
 * A body search (`q`) is served by the trigram indexes of both bodies (the request's is stored once,
 * on its message) and looks back SEARCH_DAYS
 * days at most: the range is what keeps a common word from reading the whole history.
 */
export function attemptWhere(f: ExecutionFilters, position: Position | null, now = new Date()): Prisma.AttemptWhereInput {
  const from = f.q ? latest(f.from, new Date(now.getTime() - SEARCH_DAYS * DAY_MS)) : f.from;
  return {
    integrationId: f.integrationId,
    status: f.status,
    mode: f.mode,
    kind: f.kind,
    eventId: f.eventId,
    messageId: f.messageId,
    triggeredById: f.triggeredBy,
    subscriptionId: f.subscriptionId,
    startedAt: { gte: from, lt: f.to },
    ...(f.q && {
      OR: [
        { message: { body: { contains: escapeLike(f.q), mode: "insensitive" } } },
        { responseBody: { contains: escapeLike(f.q), mode: "insensitive" } },
      ],
    }),
    ...olderThan("startedAt", position),
  };
}

const DAY_MS = 86_400_000;
const latest = (a: Date | undefined, b: Date) => (a && a > b ? a : b);
/** Prisma passes `contains` to ILIKE as is: make % and _ match themselves (backslash is the escape character). */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, "\\$&");

export const newestFirst: Prisma.AttemptOrderByWithRelationInput[] = [{ startedAt: "desc" }, { id: "desc" }];
