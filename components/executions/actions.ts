"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/api/action";
import { bulkRetry } from "@/lib/executions/bulk-retry";
import { cancelRetries } from "@/lib/executions/cancel-retries";
import { getRetryProgress } from "@/lib/executions/get-retry-progress";
import { previewTrigger } from "@/lib/executions/preview-trigger";
import { retryExecution } from "@/lib/executions/retry-execution";
import type { BulkRetryInput, RetryProgressInput, TriggerInput } from "@/lib/executions/schemas";
import { triggerIntegration } from "@/lib/executions/trigger-integration";

type TriggerRequest = { integrationId: string; trigger: TriggerInput };

export const previewTriggerAction = serverAction("integrations.trigger", async (ctx, input: TriggerRequest) => ({
  preview: await previewTrigger({ ctx, integrationId: input.integrationId, input: input.trigger }),
}));

/** The key is made once per opening of the trigger dialog: pressing Send again cannot send twice. */
export const triggerIntegrationAction = serverAction(
  "integrations.trigger",
  async (ctx, input: TriggerRequest & { idempotencyKey: string }) =>
    triggerIntegration({ ctx, integrationId: input.integrationId, input: input.trigger, idempotencyKey: input.idempotencyKey }),
);

/** A new attempt of the same message; answers with its outcome. */
export const retryExecutionAction = serverAction("integrations.trigger", async (ctx, input: { id: string }) => {
  const attempt = await retryExecution({ ctx, attemptId: input.id });
  revalidatePath("/executions");
  return { attempt };
});

/** Cancels the automatic retries still scheduled for an execution's message. */
export const cancelRetriesAction = serverAction("integrations.trigger", async (ctx, input: { id: string }) => {
  const result = await cancelRetries({ ctx, attemptId: input.id });
  revalidatePath("/executions", "layout");
  return result;
});

/** Queues a manual retry of the executions chosen (`ids`) or of every one matching the list's filters (`filters`). */
export const bulkRetryAction = serverAction("integrations.trigger", async (ctx, input: BulkRetryInput) => {
  const result = await bulkRetry({ ctx, input });
  revalidatePath("/executions", "layout");
  return result;
});

/** Where the retries a bulk retry queued stand. */
export const retryProgressAction = serverAction("portal.read", async (ctx, input: RetryProgressInput) => ({
  progress: await getRetryProgress({ ctx, input }),
}));
