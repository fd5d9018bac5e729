import { apiRoute, created, readJson } from "@/lib/api/route";
import { inviteMember } from "@/lib/members/invite-member";
import { listInvitations } from "@/lib/members/list-invitations";
import { inviteMemberInput } from "@/lib/members/schemas";

export const GET = apiRoute("users.manage", async ({ ctx }) => listInvitations({ ctx }));

export const POST = apiRoute("users.manage", async ({ ctx, request }) =>
  created(await inviteMember({ ctx, input: await readJson(request, inviteMemberInput) })),
);
