import { recordAudit, type AuditSource } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db, type Tx } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { inWorkspace } from "@/lib/workspaces/scope";
import { findInvitation } from "./find-invitation";
import { acceptInvitationInput, type AcceptInvitationInput } from "./schemas";

const REFUSALS = {
  expired: "This invitation has expired. Ask for a new one.",
  revoked: "This invitation was revoked. Ask for a new one.",
  accepted: "This invitation was used already.",
} as const;

/** The invitation of a token, pending: what accepting it starts from (refuses an unknown, expired, revoked or used one). */
export async function pendingInvitation(token: string) {
  const invitation = await findInvitation(token);
  if (!invitation) throw notFound("Invitation");
  if (invitation.state !== "pending") throw conflict(REFUSALS[invitation.state]);
  return invitation;
}

/**
 * Marks the invitation used and makes the user a member with its role and trigger permission, in
 * the transaction given (inside the invited workspace's scope). Only the first of two concurrent
 * acceptances goes through. Audited in the workspace's log.
 */
export async function joinByInvitation(
  tx: Tx,
  invitation: Awaited<ReturnType<typeof pendingInvitation>>,
  user: { id: string; email: string },
  source: Ctx | AuditSource,
) {
  const used = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date() },
  });
  if (used.count !== 1) throw conflict("This invitation cannot be used any more. Ask for a new one.");
  await tx.membership.create({
    data: {
      workspaceId: invitation.workspaceId,
      userId: user.id,
      role: invitation.role,
      canTriggerIntegrations: invitation.canTriggerIntegrations,
      source: "portal",
    },
  });
  await recordAudit(tx, source, {
    action: "member.joined",
    target: { type: "user", id: user.id, label: user.email },
    after: { role: invitation.role, canTriggerIntegrations: invitation.canTriggerIntegrations, invitationId: invitation.id },
  });
}

/**
 * The signed-in user accepts an invitation sent to their email: they become a member of its
 * workspace. An invitation for another email is refused; so is one for a workspace they are in.
 * Answers the workspace joined.
 */
export async function acceptInvitation({ ctx, input }: { ctx: Ctx; input: AcceptInvitationInput }) {
  // Any signed-in person, in a browser session: the invitation, not a workspace, is what lets them in.
  authorize(ctx, "account.manage");
  const { token } = acceptInvitationInput.parse(input);
  const invitation = await pendingInvitation(token);
  if (invitation.email !== ctx.actor.email.toLowerCase()) {
    throw forbidden(`This invitation is for ${invitation.email}. Sign in with that account to accept it.`);
  }
  const already = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: ctx.actor.id } },
    select: { role: true },
  });
  if (already) throw conflict(`You are a member of ${invitation.workspace.name} already.`);
  await inWorkspace(invitation.workspaceId, () => db.$transaction((tx) => joinByInvitation(tx, invitation, ctx.actor, ctx)));
  return { workspace: invitation.workspace };
}
