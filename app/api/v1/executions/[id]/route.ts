import { apiRoute } from "@/lib/api/route";
import { getExecution } from "@/lib/executions/get-execution";

export const GET = apiRoute<{ id: string }>("portal.read", async ({ ctx, params }) => getExecution({ ctx, id: params.id }));
