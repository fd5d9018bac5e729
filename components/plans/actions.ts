"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/api/action";
import { createPlan } from "@/lib/workspaces/create-plan";
import { deletePlan } from "@/lib/workspaces/delete-plan";
import type { CreatePlanInput, UpdatePlanInput } from "@/lib/workspaces/schemas";
import { updatePlan } from "@/lib/workspaces/update-plan";

const refresh = () => revalidatePath("/admin/plans");

export const createPlanAction = serverAction("instance.manage", async (ctx, input: CreatePlanInput) => {
  const plan = await createPlan({ ctx, input });
  refresh();
  return { plan };
});

export const updatePlanAction = serverAction("instance.manage", async (ctx, input: { id: string; changes: UpdatePlanInput }) => {
  const plan = await updatePlan({ ctx, id: input.id, input: input.changes });
  refresh();
  return { plan };
});

export const deletePlanAction = serverAction("instance.manage", async (ctx, input: { id: string }) => {
  await deletePlan({ ctx, id: input.id });
  refresh();
});
