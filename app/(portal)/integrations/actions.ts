"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/api/action";
import { cancelRecovery, startRecovery } from "@/lib/executions/recover-deliveries";
import type { RecoverInput } from "@/lib/executions/schemas";
import { sendTestWebhook } from "@/lib/executions/send-test-webhook";
import { createIntegration } from "@/lib/integrations/create-integration";
import { deleteIntegration } from "@/lib/integrations/delete-integration";
import { deleteWebhookConfig } from "@/lib/integrations/delete-webhook-config";
import { revealSigningSecret } from "@/lib/integrations/reveal-signing-secret";
import { rotateSigningSecret } from "@/lib/integrations/rotate-signing-secret";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import type { CreateIntegrationInput, UpdateIntegrationInput, WebhookConfigInput } from "@/lib/integrations/schemas";
import { updateIntegration } from "@/lib/integrations/update-integration";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { deleteSubscription } from "@/lib/subscriptions/delete-subscription";
import type { CreateSubscriptionInput, UpdateSubscriptionInput } from "@/lib/subscriptions/schemas";
import { updateSubscription } from "@/lib/subscriptions/update-subscription";

const refresh = () => revalidatePath("/integrations", "layout");

export const createIntegrationAction = serverAction("integrations.manage", async (ctx, input: CreateIntegrationInput) => {
  const integration = await createIntegration({ ctx, input });
  refresh();
  return { integration };
});

export const updateIntegrationAction = serverAction("integrations.manage", async (ctx, input: { id: string; changes: UpdateIntegrationInput }) => {
  const integration = await updateIntegration({ ctx, id: input.id, input: input.changes });
  refresh();
  return { integration };
});

export const deleteIntegrationAction = serverAction("integrations.manage", async (ctx, input: { id: string }) => {
  await deleteIntegration({ ctx, id: input.id });
  refresh();
});

export const saveWebhookConfigAction = serverAction("integrations.manage", async (ctx, input: { integrationId: string; config: WebhookConfigInput }) => {
  const config = await saveWebhookConfig({ ctx, integrationId: input.integrationId, input: input.config });
  refresh();
  return { config };
});

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

export const createSubscriptionAction = serverAction("integrations.manage", async (ctx, input: { integrationId: string; subscription: CreateSubscriptionInput }) => {
  const subscription = await createSubscription({ ctx, integrationId: input.integrationId, input: input.subscription });
  refresh();
  return { subscription };
});

export const updateSubscriptionAction = serverAction("integrations.manage", async (ctx, input: { id: string; changes: UpdateSubscriptionInput }) => {
  const subscription = await updateSubscription({ ctx, id: input.id, input: input.changes });
  refresh();
  return { subscription };
});

export const deleteSubscriptionAction = serverAction("integrations.manage", async (ctx, input: { id: string }) => {
  await deleteSubscription({ ctx, id: input.id });
  refresh();
});

export const startRecoveryAction = serverAction("integrations.trigger", async (ctx, input: { integrationId: string; recover: RecoverInput }) => {
  const recovery = await startRecovery({ ctx, integrationId: input.integrationId, input: input.recover });
  refresh();
  return { recovery };
});

export const cancelRecoveryAction = serverAction("integrations.trigger", async (ctx, input: { id: string }) => ({
  recovery: await cancelRecovery({ ctx, id: input.id }),
}));
