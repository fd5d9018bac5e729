import { db } from "@/lib/db";
import { asSystem } from "@/lib/workspaces/scope";
import { invitationToken } from "./schemas";
import { hashInvitationToken } from "./tokens";

export type InvitationState = "pending" | "expired" | "revoked" | "accepted";

/**
 * What an invitation's page needs to know of it, by the token of its link (no sign-in needed: the
 * token is the credential): the workspace's name and slug, the email invited, the role, and
 * whether an account with that email exists (and whether `viewerId`, the person looking, is a
 * member of the workspace). Null for a token that names no invitation.
 */
export async function findInvitation(token: string, viewerId?: string) {
  const parsed = invitationToken.safeParse(token);
  if (!parsed.success) return null;
  // By its token, across workspaces: which workspace it is for is what is being found out.
  return asSystem(async () => {
    const invitation = await db.invitation.findUnique({
      where: { tokenHash: hashInvitationToken(parsed.data) },
      select: {
        id: true,
        workspaceId: true,
        email: true,
        role: true,
        canTriggerIntegrations: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
      },
    });
    if (!invitation) return null;
    const [workspace, account, member] = await Promise.all([
      db.workspace.findUniqueOrThrow({ where: { id: invitation.workspaceId }, select: { id: true, name: true, slug: true } }),
      db.user.findUnique({ where: { email: invitation.email }, select: { id: true } }),
      viewerId
        ? db.membership.findUnique({
            where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: viewerId } },
            select: { role: true },
          })
        : null,
    ]);
    return { ...invitation, workspace, accountExists: account !== null, viewerIsMember: member !== null, state: stateOf(invitation) };
  });
}

export function stateOf(
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  return invitation.expiresAt <= now ? "expired" : "pending";
}
