"use server";
import { serverAction } from "@/lib/api/action";
import { previewTrigger } from "@/lib/executions/preview-trigger";
import { retryExecution } from "@/lib/executions/retry-execution";
import type { TriggerInput } from "@/lib/executions/schemas";
import { triggerIntegration } from "@/lib/executions/trigger-integration";

type TriggerRequest = { integrationId: string; trigger: TriggerInput };

export const previewTriggerAction = serverAction("integrations.trigger", async (ctx, input: TriggerRequest) => ({
  preview: await previewTrigger({ ctx, integrationId: input.integrationId, input: input.trigger }),
}));

/** The key is made once per opening of the trigger dialog: pressing Send again cannot send twice. */
export const triggerIntegrationAction = serverAction("integrations.trigger", async (ctx, input: TriggerRequest & { idempotencyKey: string }) =>
  triggerIntegration({ ctx, integrationId: input.integrationId, input: input.trigger, idempotencyKey: input.idempotencyKey }),
);

/** A retry from the trigger dialog, which shows the new attempt's outcome in place. */
export const retryTriggeredAction = serverAction("integrations.trigger", async (ctx, input: { attemptId: string }) => ({
  attempt: await retryExecution({ ctx, attemptId: input.attemptId }),
}));
