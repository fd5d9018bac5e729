import { apiRoute, queryOf } from "@/lib/api/route";
import { listExecutions } from "@/lib/executions/list-executions";

export const GET = apiRoute("portal.read", async ({ ctx, request }) => listExecutions({ ctx, query: queryOf(request) }));
