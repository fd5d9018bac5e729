import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { portalOrigin } from "@/lib/env";
import { conflict } from "@/lib/errors";
import { assertMayChangeOwner } from "./rules";
import { INVITATION_DAYS, invitationView, inviteMemberInput, type InviteMemberInput } from "./schemas";
import { hashInvitationToken, invitationPath, newInvitationToken } from "./tokens";

/**
 * Invites someone by email to the workspace acted in, with a role and the trigger permission.
 * Answers the one-time link (shown once: the portal sends no mail, the inviter passes it on); the
 * token's SHA-256 is stored. It works for INVITATION_DAYS days, once. Only an owner invites an
 * owner. A pending invitation to the same email is replaced. Audited.
 */
export async function inviteMember({ ctx, input }: { ctx: Ctx; input: InviteMemberInput }) {
  authorize(ctx, "users.manage");
  const data = inviteMemberInput.parse(input);
  const workspaceId = ctx.workspace!.id;
  assertMayChangeOwner(ctx, "member", data.role);
  const member = await db.membership.findFirst({ where: { workspaceId, user: { email: data.email } }, select: { userId: true } });
  if (member) throw conflict("This person is already a member of the workspace.", { email: ["Already a member"] });
  const token = newInvitationToken();
  const now = new Date();
  const invitation = await db.$transaction(async (tx) => {
    const replaced = await tx.invitation.updateMany({
      where: { workspaceId, email: data.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        workspaceId,
        email: data.email,
        role: data.role,
        canTriggerIntegrations: data.canTriggerIntegrations,
        tokenHash: hashInvitationToken(token),
        invitedById: ctx.actor.id,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 3600_000),
      },
      select: invitationView,
    });
    await recordAudit(tx, ctx, {
      action: "member.invited",
      target: { type: "invitation", id: created.id, label: created.email },
      after: { email: created.email, role: created.role, canTriggerIntegrations: created.canTriggerIntegrations, replaced: replaced.count },
    });
    return created;
  });
  const path = invitationPath(token);
  return { ...invitation, token, url: `${portalOrigin()}${path}`, path };
}
