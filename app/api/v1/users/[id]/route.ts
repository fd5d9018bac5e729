import { apiRoute, readJson } from "@/lib/api/route";
import { removeMember } from "@/lib/members/remove-member";
import { updateUserInput } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/update-user";

export const PATCH = apiRoute<{ id: string }>("users.manage", async ({ ctx, request, params }) =>
  updateUser({ ctx, id: params.id, input: await readJson(request, updateUserInput) }),
);

export const DELETE = apiRoute<{ id: string }>("users.manage", async ({ ctx, params }) => {
  await removeMember({ ctx, id: params.id });
});
