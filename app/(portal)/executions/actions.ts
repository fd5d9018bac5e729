"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/api/action";
import { retryExecution } from "@/lib/executions/retry-execution";

export const retryExecutionAction = serverAction("integrations.trigger", async (ctx, input: { id: string }) => {
  const attempt = await retryExecution({ ctx, attemptId: input.id });
  revalidatePath("/executions");
  return { id: attempt.id, status: attempt.status };
});
