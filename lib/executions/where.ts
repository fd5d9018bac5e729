import type { Prisma } from "@/lib/generated/prisma/client";
import { olderThan, type Position } from "@/lib/pagination";
import type { ExecutionFilters } from "./schemas";

/**
 * The `where` of a newest-first attempt list after a keyset position. Every filter is the leading
 * column of an (x, startedAt desc, id desc) index; the cursor's timestamp is repeated as an upper
 * bound of startedAt, so the index scan starts at the cursor instead of filtering its way there.
 */
export function attemptWhere(f: ExecutionFilters, position: Position | null): Prisma.AttemptWhereInput {
  return {
    integrationId: f.integrationId,
    status: f.status,
    mode: f.mode,
    kind: f.kind,
    eventId: f.eventId,
    messageId: f.messageId,
    triggeredById: f.triggeredBy,
    subscriptionId: f.subscriptionId,
    startedAt: { gte: f.from, lt: f.to },
    ...olderThan("startedAt", position),
  };
}

export const newestFirst: Prisma.AttemptOrderByWithRelationInput[] = [{ startedAt: "desc" }, { id: "desc" }];
