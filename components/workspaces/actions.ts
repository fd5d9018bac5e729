"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/api/action";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { deleteWorkspace } from "@/lib/workspaces/delete-workspace";
import { grantSupportAccess } from "@/lib/workspaces/grant-support-access";
import type { CreateWorkspaceInput, SupportAccessInput, UpdateWorkspaceInput } from "@/lib/workspaces/schemas";
import { updateWorkspace } from "@/lib/workspaces/update-workspace";

const refresh = () => revalidatePath("/admin/workspaces");

export const createWorkspaceAction = serverAction("instance.manage", async (ctx, input: CreateWorkspaceInput) => {
  const workspace = await createWorkspace({ ctx, input });
  refresh();
  return { workspace };
});

export const updateWorkspaceAction = serverAction(
  "instance.manage",
  async (ctx, input: { slug: string; changes: UpdateWorkspaceInput }) => {
    const workspace = await updateWorkspace({ ctx, slug: input.slug, input: input.changes });
    refresh();
    return { workspace };
  },
);

export const deleteWorkspaceAction = serverAction("instance.manage", async (ctx, input: { slug: string }) => {
  await deleteWorkspace({ ctx, slug: input.slug });
  refresh();
});

export const grantSupportAccessAction = serverAction("instance.manage", async (ctx, input: SupportAccessInput) => {
  const membership = await grantSupportAccess({ ctx, input });
  refresh();
  return { membership };
});
