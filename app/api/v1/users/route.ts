import { apiRoute, created, readJson, readQuery } from "@/lib/api/route";
import { listMembers } from "@/lib/members/list-members";
import { pageParams } from "@/lib/pagination";
import { createUser } from "@/lib/users/create-user";
import { createUserInput } from "@/lib/users/schemas";

export const GET = apiRoute("users.manage", async ({ ctx, request }) => listMembers({ ctx, page: readQuery(request, pageParams) }));

export const POST = apiRoute("users.manage", async ({ ctx, request }) => {
  const { user, generatedPassword } = await createUser({ ctx, input: await readJson(request, createUserInput) });
  return created({ ...user, ...(generatedPassword && { generatedPassword }) });
});
