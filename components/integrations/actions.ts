"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/api/action";
import { sendTestWebhook } from "@/lib/executions/send-test-webhook";
import { createOrUpdateIntegration } from "@/lib/integrations/create-integration";
import { deleteIntegration } from "@/lib/integrations/delete-integration";
import { deleteWebhookConfig } from "@/lib/integrations/delete-webhook-config";
import { revealSigningSecret } from "@/lib/integrations/reveal-signing-secret";
import { rotateSigningSecret } from "@/lib/integrations/rotate-signing-secret";
import { saveAlertSettings } from "@/lib/integrations/save-alert-settings";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import type { AlertSettingsInput, CreateIntegrationInput, UpdateIntegrationInput, WebhookConfigInput } from "@/lib/integrations/schemas";
import { updateIntegration } from "@/lib/integrations/update-integration";

const refresh = () => revalidatePath("/integrations", "layout");

export const createIntegrationAction = serverAction("integrations.manage", async (ctx, input: CreateIntegrationInput) => {
  const { integration, created } = await createOrUpdateIntegration({ ctx, input });
  refresh();
  return { integration, created };
});

export const updateIntegrationAction = serverAction(
  "integrations.manage",
  async (ctx, input: { id: string; changes: UpdateIntegrationInput }) => {
    const integration = await updateIntegration({ ctx, id: input.id, input: input.changes });
    refresh();
    return { integration };
  },
);

export const deleteIntegrationAction = serverAction("integrations.manage", async (ctx, input: { id: string }) => {
  await deleteIntegration({ ctx, id: input.id });
  refresh();
});

export const saveWebhookConfigAction = serverAction(
  "integrations.manage",
  async (ctx, input: { integrationId: string; config: WebhookConfigInput }) => {
    const config = await saveWebhookConfig({ ctx, integrationId: input.integrationId, input: input.config });
    refresh();
    return { config };
  },
);

export const saveAlertSettingsAction = serverAction(
  "integrations.manage",
  async (ctx, input: { integrationId: string; settings: AlertSettingsInput }) => {
    const alerts = await saveAlertSettings({ ctx, integrationId: input.integrationId, input: input.settings });
    refresh();
    return { alerts };
  },
);

export const deleteWebhookConfigAction = serverAction("integrations.manage", async (ctx, input: { integrationId: string }) => {
  await deleteWebhookConfig({ ctx, integrationId: input.integrationId });
  refresh();
});

export const revealSigningSecretAction = serverAction("integrations.manage", async (ctx, input: { integrationId: string }) =>
  revealSigningSecret({ ctx, integrationId: input.integrationId }),
);

export const rotateSigningSecretAction = serverAction("integrations.manage", async (ctx, input: { integrationId: string }) => {
  const config = await rotateSigningSecret({ ctx, integrationId: input.integrationId });
  refresh();
  return { config };
});

export const sendTestWebhookAction = serverAction("integrations.manage", async (ctx, input: { integrationId: string }) => {
  const attempt = await sendTestWebhook({ ctx, integrationId: input.integrationId });
  refresh();
  return { attempt };
});
