import { apiRoute, created, readJson } from "@/lib/api/route";
import { listRecoveries, startRecovery } from "@/lib/executions/recover-deliveries";
import { recoverInput } from "@/lib/executions/schemas";

export const GET = apiRoute<{ id: string }>("portal.read", async ({ ctx, params }) => listRecoveries({ ctx, integrationId: params.id }));

export const POST = apiRoute<{ id: string }>("integrations.trigger", async ({ ctx, request, params }) =>
  created(await startRecovery({ ctx, integrationId: params.id, input: await readJson(request, recoverInput) })),
);
