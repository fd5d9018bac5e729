import { apiRoute, readJson } from "@/lib/api/route";
import { changePassword } from "@/lib/users/change-password";
import { changePasswordInput } from "@/lib/users/schemas";

export const POST = apiRoute("account.manage", async ({ ctx, request }) => {
  await changePassword({ ctx, input: await readJson(request, changePasswordInput) });
});
