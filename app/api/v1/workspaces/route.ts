import { apiRoute, created, readJson } from "@/lib/api/route";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { listOwnWorkspaces } from "@/lib/workspaces/list-own-workspaces";
import { createWorkspaceInput } from "@/lib/workspaces/schemas";

export const GET = apiRoute("portal.read", async ({ ctx }) => listOwnWorkspaces({ ctx }));

export const POST = apiRoute("instance.manage", async ({ ctx, request }) =>
  created(await createWorkspace({ ctx, input: await readJson(request, createWorkspaceInput) })),
);
