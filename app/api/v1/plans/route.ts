import { apiRoute, created, readJson } from "@/lib/api/route";
import { createPlan } from "@/lib/workspaces/create-plan";
import { listPlans } from "@/lib/workspaces/list-plans";
import { createPlanInput } from "@/lib/workspaces/schemas";

export const GET = apiRoute("instance.manage", async ({ ctx }) => listPlans({ ctx }));

export const POST = apiRoute("instance.manage", async ({ ctx, request }) =>
  created(await createPlan({ ctx, input: await readJson(request, createPlanInput) })),
);
