import { apiRoute } from "@/lib/api/route";
import { cancelRecovery } from "@/lib/executions/recover-deliveries";

export const POST = apiRoute<{ id: string }>("integrations.trigger", async ({ ctx, params }) => cancelRecovery({ ctx, id: params.id }));
