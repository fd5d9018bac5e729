import { apiRoute, queryOf } from "@/lib/api/route";
import { exportExecutions } from "@/lib/executions/export-executions";
import { exportResponse } from "@/lib/exports";

export const GET = apiRoute("portal.read", async ({ ctx, request }) => exportResponse(exportExecutions({ ctx, query: queryOf(request) })));
