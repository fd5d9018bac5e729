"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { serverAction, type ActionResult } from "@/lib/api/action";
import { assertSameOrigin } from "@/lib/api/route";
import { clientAddress } from "@/lib/auth/origin";
import { toErrorBody } from "@/lib/errors";
import { logger } from "@/lib/log";
import { acceptInvitation } from "@/lib/members/accept-invitation";
import { inviteMember } from "@/lib/members/invite-member";
import { joinWithNewAccount } from "@/lib/members/join-with-new-account";
import { removeMember } from "@/lib/members/remove-member";
import { revokeInvitation } from "@/lib/members/revoke-invitation";
import type { AcceptInvitationInput, InviteMemberInput, JoinWithNewAccountInput, UpdateMemberInput } from "@/lib/members/schemas";
import { updateMember } from "@/lib/members/update-member";

export const inviteMemberAction = serverAction("users.manage", async (ctx, input: InviteMemberInput) => {
  const invitation = await inviteMember({ ctx, input });
  revalidatePath("/admin/users");
  return { invitation };
});

export const revokeInvitationAction = serverAction("users.manage", async (ctx, input: { id: string }) => {
  await revokeInvitation({ ctx, id: input.id });
  revalidatePath("/admin/users");
});

export const updateMemberAction = serverAction("users.manage", async (ctx, input: { id: string; changes: UpdateMemberInput }) => {
  const member = await updateMember({ ctx, id: input.id, input: input.changes });
  revalidatePath("/admin/users");
  return { member };
});

export const removeMemberAction = serverAction("users.manage", async (ctx, input: { id: string }) => {
  await removeMember({ ctx, id: input.id });
  revalidatePath("/admin/users");
});

/** The signed-in person accepts an invitation sent to their email (a browser session, never a token). */
export const acceptInvitationAction = serverAction("account.manage", async (ctx, input: AcceptInvitationInput) =>
  acceptInvitation({ ctx, input }),
);

/**
 * Someone without an account accepts an invitation: no sign-in (the link's token is the
 * credential), so this one is not made by serverAction; it checks the origin the same way.
 */
export async function joinWithNewAccountAction(
  input: JoinWithNewAccountInput,
): Promise<ActionResult<{ email: string; workspace: { slug: string; name: string } }>> {
  try {
    const h = await headers();
    assertSameOrigin(h);
    const joined = await joinWithNewAccount({ input, source: { ip: clientAddress(h), userAgent: h.get("user-agent") } });
    return { ok: true, email: joined.email, workspace: { slug: joined.workspace.slug, name: joined.workspace.name } };
  } catch (error) {
    const { body, unexpected } = toErrorBody(error);
    if (unexpected) logger().error({ err: error }, "unexpected error");
    return { ok: false, ...body };
  }
}
