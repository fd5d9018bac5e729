import { apiRoute, queryOf } from "@/lib/api/route";
import { exportAuditLog } from "@/lib/audit-log/export-audit-log";
import { exportResponse } from "@/lib/exports";

export const GET = apiRoute("audit.read", async ({ ctx, request }) => exportResponse(exportAuditLog({ ctx, query: queryOf(request) })));
