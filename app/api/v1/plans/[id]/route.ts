import { apiRoute, readJson } from "@/lib/api/route";
import { deletePlan } from "@/lib/workspaces/delete-plan";
import { getPlan } from "@/lib/workspaces/get-plan";
import { updatePlanInput } from "@/lib/workspaces/schemas";
import { updatePlan } from "@/lib/workspaces/update-plan";

type Params = { id: string };

export const GET = apiRoute<Params>("instance.manage", async ({ ctx, params }) => getPlan({ ctx, id: params.id }));

export const PATCH = apiRoute<Params>("instance.manage", async ({ ctx, request, params }) =>
  updatePlan({ ctx, id: params.id, input: await readJson(request, updatePlanInput) }),
);

export const DELETE = apiRoute<Params>("instance.manage", async ({ ctx, params }) => {
  await deletePlan({ ctx, id: params.id });
});
