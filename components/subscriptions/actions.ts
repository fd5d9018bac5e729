"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/api/action";
import { cancelRecovery, startRecovery } from "@/lib/executions/recover-deliveries";
import type { RecoverInput } from "@/lib/executions/schemas";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { deleteSubscription } from "@/lib/subscriptions/delete-subscription";
import type { CreateSubscriptionInput, UpdateSubscriptionInput } from "@/lib/subscriptions/schemas";
import { updateSubscription } from "@/lib/subscriptions/update-subscription";

/** The integration pages show subscriptions and recovers: render them again after a change. */
const refresh = () => revalidatePath("/integrations", "layout");

export const createSubscriptionAction = serverAction(
  "integrations.manage",
  async (ctx, input: { integrationId: string; subscription: CreateSubscriptionInput }) => {
    const subscription = await createSubscription({ ctx, integrationId: input.integrationId, input: input.subscription });
    refresh();
    return { subscription };
  },
);

export const updateSubscriptionAction = serverAction(
  "integrations.manage",
  async (ctx, input: { id: string; changes: UpdateSubscriptionInput }) => {
    const subscription = await updateSubscription({ ctx, id: input.id, input: input.changes });
    refresh();
    return { subscription };
  },
);

export const deleteSubscriptionAction = serverAction("integrations.manage", async (ctx, input: { id: string }) => {
  await deleteSubscription({ ctx, id: input.id });
  refresh();
});

export const startRecoveryAction = serverAction(
  "integrations.trigger",
  async (ctx, input: { integrationId: string; recover: RecoverInput }) => {
    const recovery = await startRecovery({ ctx, integrationId: input.integrationId, input: input.recover });
    refresh();
    return { recovery };
  },
);

export const cancelRecoveryAction = serverAction("integrations.trigger", async (ctx, input: { id: string }) => ({
  recovery: await cancelRecovery({ ctx, id: input.id }),
}));
