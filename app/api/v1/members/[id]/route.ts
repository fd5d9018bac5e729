import { apiRoute, readJson } from "@/lib/api/route";
import { removeMember } from "@/lib/members/remove-member";
import { updateMemberInput } from "@/lib/members/schemas";
import { updateMember } from "@/lib/members/update-member";

export const PATCH = apiRoute<{ id: string }>("users.manage", async ({ ctx, request, params }) =>
  updateMember({ ctx, id: params.id, input: await readJson(request, updateMemberInput) }),
);

export const DELETE = apiRoute<{ id: string }>("users.manage", async ({ ctx, params }) => {
  await removeMember({ ctx, id: params.id });
});
