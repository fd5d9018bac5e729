import { apiRoute } from "@/lib/api/route";
import { getRecovery } from "@/lib/executions/recover-deliveries";

export const GET = apiRoute<{ id: string }>("portal.read", async ({ ctx, params }) => getRecovery({ ctx, id: params.id }));
