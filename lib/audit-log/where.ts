import type { Prisma } from "@/lib/generated/prisma/client";
import { olderThan, type Position } from "@/lib/pagination";
import type { AuditLogFilters } from "./schemas";

/**
 * Newest-first audit entries after a keyset position. Actor, action and target (type and id) are
 * each the leading columns of an (x…, createdAt desc, id desc) index; the cursor's timestamp is
 * repeated as an upper bound so that the scan starts there. `target` (part of the target's name, or
 * its id) is checked on the rows the other filters and the newest-first scan bring.
 */
export function auditWhere(f: AuditLogFilters, position: Position | null): Prisma.AuditLogWhereInput {
  return {
    actorId: f.actorId,
    action: f.action,
    targetType: f.targetType,
    targetId: f.targetId,
    createdAt: { gte: f.from, lt: f.to },
    ...olderThan("createdAt", position),
    ...(f.target && {
      OR: [{ targetLabel: { contains: escapeLike(f.target), mode: "insensitive" as const } }, { targetId: f.target }],
    }),
  };
}

/** Prisma passes `contains` to ILIKE as is: make % and _ match themselves. */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, "\\$&");

export const newestFirst: Prisma.AuditLogOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];
