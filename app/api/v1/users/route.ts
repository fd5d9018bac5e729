import { apiRoute, created, readJson, readQuery } from "@/lib/api/route";
import { pageParams } from "@/lib/pagination";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { createUserInput } from "@/lib/users/schemas";

export const GET = apiRoute("users.manage", async ({ ctx, request }) => listUsers({ ctx, page: readQuery(request, pageParams) }));

export const POST = apiRoute("users.manage", async ({ ctx, request }) => {
  const { user, generatedPassword } = await createUser({ ctx, input: await readJson(request, createUserInput) });
  return created({ ...user, ...(generatedPassword && { generatedPassword }) });
});
