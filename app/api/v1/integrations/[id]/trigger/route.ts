import { apiRoute, readJson } from "@/lib/api/route";
import { triggerInput } from "@/lib/executions/schemas";
import { triggerIntegration } from "@/lib/executions/trigger-integration";

export const POST = apiRoute<{ id: string }>("integrations.trigger", async ({ ctx, request, params }) => {
  const { attempt, replayed } = await triggerIntegration({
    ctx,
    integrationId: params.id,
    input: await readJson(request, triggerInput),
    idempotencyKey: request.headers.get("idempotency-key"),
  });
  return Response.json(attempt, { status: replayed ? 200 : 201, headers: replayed ? { "Idempotent-Replayed": "true" } : undefined });
});
