import { apiRoute } from "@/lib/api/route";
import { cancelRetries } from "@/lib/executions/cancel-retries";

export const POST = apiRoute<{ id: string }>("integrations.trigger", async ({ ctx, params }) =>
  cancelRetries({ ctx, attemptId: params.id }),
);
