import { apiRoute, readJson } from "@/lib/api/route";
import { deleteWebhookConfig } from "@/lib/integrations/delete-webhook-config";
import { getWebhookConfig } from "@/lib/integrations/get-webhook-config";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { webhookConfigInput } from "@/lib/integrations/schemas";

export const GET = apiRoute<{ id: string }>("portal.read", async ({ ctx, params }) => getWebhookConfig({ ctx, integrationId: params.id }));

export const PUT = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, request, params }) =>
  saveWebhookConfig({ ctx, integrationId: params.id, input: await readJson(request, webhookConfigInput) }),
);

export const DELETE = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, params }) => {
  await deleteWebhookConfig({ ctx, integrationId: params.id });
});
