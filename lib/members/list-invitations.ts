import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { invitationView } from "./schemas";

/** The workspace's pending invitations (not accepted, revoked or expired), newest first. */
export async function listInvitations({ ctx }: { ctx: Ctx }) {
  authorize(ctx, "users.manage");
  const rows = await db.invitation.findMany({
    where: { workspaceId: ctx.workspace!.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: invitationView,
  });
  return { data: rows };
}
