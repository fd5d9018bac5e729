import { apiRoute, created } from "@/lib/api/route";
import { retryExecution } from "@/lib/executions/retry-execution";

export const POST = apiRoute<{ id: string }>("integrations.trigger", async ({ ctx, params }) =>
  created(await retryExecution({ ctx, attemptId: params.id })),
);
