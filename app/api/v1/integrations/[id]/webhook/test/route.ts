import { apiRoute, created } from "@/lib/api/route";
import { sendTestWebhook } from "@/lib/executions/send-test-webhook";

export const POST = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, params }) =>
  created(await sendTestWebhook({ ctx, integrationId: params.id })),
);
