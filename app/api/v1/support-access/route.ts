import { apiRoute, created, readJson } from "@/lib/api/route";
import { grantSupportAccess } from "@/lib/workspaces/grant-support-access";
import { supportAccessInput } from "@/lib/workspaces/schemas";

export const POST = apiRoute("instance.manage", async ({ ctx, request }) =>
  created(await grantSupportAccess({ ctx, input: await readJson(request, supportAccessInput) })),
);
