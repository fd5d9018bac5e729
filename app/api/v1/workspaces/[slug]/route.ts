import { apiRoute, readJson } from "@/lib/api/route";
import { deleteWorkspace } from "@/lib/workspaces/delete-workspace";
import { getWorkspace } from "@/lib/workspaces/get-workspace";
import { updateWorkspaceInput } from "@/lib/workspaces/schemas";
import { updateWorkspace } from "@/lib/workspaces/update-workspace";

type Params = { slug: string };

export const GET = apiRoute<Params>("portal.read", async ({ ctx, params }) => getWorkspace({ ctx, slug: params.slug }));

export const PATCH = apiRoute<Params>("instance.manage", async ({ ctx, request, params }) =>
  updateWorkspace({ ctx, slug: params.slug, input: await readJson(request, updateWorkspaceInput) }),
);

export const DELETE = apiRoute<Params>("instance.manage", async ({ ctx, params }) => {
  await deleteWorkspace({ ctx, slug: params.slug });
});
