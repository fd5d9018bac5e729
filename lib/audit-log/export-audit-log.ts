import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { keysetExport, type ExportFile } from "@/lib/exports";
import type { AuditLog } from "@/lib/generated/prisma/client";
import { checkRange, type Position } from "@/lib/pagination";
import { exportAuditLogQuery, type ExportAuditLogQuery } from "./schemas";
import { toAuditEntryView } from "./views";
import { auditWhere, newestFirst } from "./where";
import { boundToScope } from "@/lib/workspaces/scope";

const CSV_COLUMNS = [
  "id",
  "createdAt",
  "actorId",
  "actorEmail",
  "action",
  "targetType",
  "targetId",
  "targetLabel",
  "before",
  "after",
  "ip",
  "userAgent",
  "apiToken",
] as const;

/** Every audit entry matching the list's filters, newest first, as CSV or JSON Lines. Admins only. */
export function exportAuditLog({ ctx, query }: { ctx: Ctx; query: ExportAuditLogQuery | Record<string, string> }): ExportFile {
  authorize(ctx, "audit.read");
  const { format, ...filters } = exportAuditLogQuery.parse(query);
  checkRange(filters);
  return keysetExport({
    name: "audit-log",
    format,
    columns: CSV_COLUMNS,
    // Pulled after the verb returns: read in its workspace all the same.
    fetchAfter: boundToScope(
      async (position: Position | null, take: number) =>
        await db.auditLog.findMany({ where: auditWhere(filters, position), orderBy: newestFirst, take }),
    ),
    positionOf: (a) => ({ at: a.createdAt, id: a.id }),
    toRecord: format === "csv" ? (a: AuditLog) => a : toAuditEntryView,
  });
}
