"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/api/action";
import { removeTransformation } from "@/lib/transformations/remove-transformation";
import { restoreTransformation, saveTransformation } from "@/lib/transformations/save-transformation";
import type { TestTransformationInput } from "@/lib/transformations/schemas";
import { testTransformation } from "@/lib/transformations/test-transformation";

const refresh = (integrationId: string) => revalidatePath(`/integrations/${integrationId}`, "layout");

export const saveTransformationAction = serverAction("integrations.manage", async (ctx, input: { integrationId: string; code: string }) => {
  const transformation = await saveTransformation({ ctx, integrationId: input.integrationId, input: { code: input.code } });
  refresh(input.integrationId);
  return { transformation };
});

export const restoreTransformationAction = serverAction(
  "integrations.manage",
  async (ctx, input: { integrationId: string; version: number }) => {
    const transformation = await restoreTransformation({ ctx, integrationId: input.integrationId, input: { version: input.version } });
    refresh(input.integrationId);
    return { transformation };
  },
);

export const removeTransformationAction = serverAction("integrations.manage", async (ctx, input: { integrationId: string }) => {
  const transformation = await removeTransformation({ ctx, integrationId: input.integrationId });
  refresh(input.integrationId);
  return { transformation };
});

export const testTransformationAction = serverAction(
  "integrations.manage",
  async (ctx, input: { integrationId: string; test: TestTransformationInput }) => ({
    result: await testTransformation({ ctx, integrationId: input.integrationId, input: input.test }),
  }),
);
