import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import { assertId } from "@/lib/ids";

/** Revokes a pending invitation of the workspace acted in: its link stops working. Audited. */
export async function revokeInvitation({ ctx, id }: { ctx: Ctx; id: string }) {
  authorize(ctx, "users.manage");
  assertId(id, "Invitation");
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id, workspaceId: ctx.workspace!.id } });
    if (!invitation) throw notFound("Invitation");
    if (invitation.acceptedAt) throw conflict("This invitation was accepted already: remove the member instead.");
    if (invitation.revokedAt) return;
    await tx.invitation.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: "member.invitation_revoked",
      target: { type: "invitation", id, label: invitation.email },
      before: { email: invitation.email, role: invitation.role },
    });
  });
}
