import { apiRoute, queryOf } from "@/lib/api/route";
import { listAuditLog } from "@/lib/audit-log/list-audit-log";

export const GET = apiRoute("audit.read", async ({ ctx, request }) => listAuditLog({ ctx, query: queryOf(request) }));
