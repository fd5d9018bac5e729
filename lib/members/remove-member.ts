import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { assertMayChangeOwner, assertOwnersRemain, findMember, lockOwners } from "./rules";

/**
 * Removes a member from the workspace acted in: their API tokens of this workspace are revoked;
 * the account and its other memberships stay. Only an owner removes an owner; the last owner
 * stays. Audited.
 */
export async function removeMember({ ctx, id }: { ctx: Ctx; id: string }) {
  authorize(ctx, "users.manage");
  assertId(id, "Member");
  const workspaceId = ctx.workspace!.id;
  await db.$transaction(async (tx) => {
    await lockOwners(tx, workspaceId);
    const member = await findMember(tx, workspaceId, id);
    assertMayChangeOwner(ctx, member.role, null);
    if (member.role === "owner") await assertOwnersRemain(tx, workspaceId, id, "remove");
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId, userId: id } } });
    // ApiToken is a workspace's model: this revokes the tokens of this workspace only.
    const { count } = await tx.apiToken.updateMany({
      where: { workspaceId, userId: id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, ctx, {
      action: "member.removed",
      target: { type: "user", id, label: member.user.email },
      before: { role: member.role, canTriggerIntegrations: member.canTriggerIntegrations },
      after: { tokensRevoked: count },
    });
  });
}
