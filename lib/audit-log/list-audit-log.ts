import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { checkRange, decodeCursor, toPage, type Page } from "@/lib/pagination";
import { listAuditLogQuery, type ListAuditLogQuery } from "./schemas";
import { toAuditEntryView, type AuditEntryView } from "./views";
import { auditWhere, newestFirst } from "./where";

/** Audit entries newest first, filtered, paginated by a (createdAt, id) keyset cursor. Admins only. */
export async function listAuditLog({ ctx, query }: { ctx: Ctx; query: ListAuditLogQuery }): Promise<Page<AuditEntryView>> {
  authorize(ctx, "audit.read");
  const { limit, cursor, ...filters } = listAuditLogQuery.parse(query);
  checkRange(filters);
  const rows = await db.auditLog.findMany({ where: auditWhere(filters, decodeCursor(cursor)), orderBy: newestFirst, take: limit + 1 });
  const page = toPage(rows, limit, (a) => a.createdAt);
  return { data: page.data.map(toAuditEntryView), nextCursor: page.nextCursor };
}
