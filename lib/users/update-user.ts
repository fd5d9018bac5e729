import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { endSessions } from "@/lib/auth/end-sessions";
import { db, type Tx } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { assertMayManageAccount, assertOwnersRemain, findMember, lockOwners, memberSelect, toMember } from "@/lib/members/rules";
import { updateMember } from "@/lib/members/update-member";
import { asSystem } from "@/lib/workspaces/scope";
import { updateUserInput, type UpdateUserInput } from "./schemas";

/**
 * Changes a member of the workspace acted in (404 for anyone else). The role and the trigger
 * permission are the membership's (lib/members/update-member.ts: owner rules). The name and the
 * active state are the account's: the workspace's owners and admins change them only for an
 * account that belongs to no other workspace (else 403: an instance admin can). Deactivating
 * ends the account's sessions and revokes its API tokens in every workspace; the last owner of
 * the workspace, and the last active instance admin, cannot be deactivated. Audited.
 */
export async function updateUser({ ctx, id, input }: { ctx: Ctx; id: string; input: UpdateUserInput }) {
  authorize(ctx, "users.manage");
  assertId(id, "User");
  const { name, active, isAdmin, role, canTriggerIntegrations } = updateUserInput.parse(input);
  const workspaceId = ctx.workspace!.id;

  return db.$transaction(async (tx) => {
    await lockOwners(tx, workspaceId);
    const before = await findMember(tx, workspaceId, id);
    const accountChanges = {
      ...(name !== undefined && name !== before.user.name && { name }),
      ...(active !== undefined && active !== before.user.active && { active }),
    };
    if (Object.keys(accountChanges).length > 0) assertMayManageAccount(ctx, before);

    const wantedRole = role ?? (isAdmin === undefined ? undefined : isAdmin ? (before.role === "owner" ? "owner" : "admin") : "member");
    if (wantedRole !== undefined || canTriggerIntegrations !== undefined) {
      await updateMember({ ctx, id, input: { role: wantedRole, canTriggerIntegrations }, tx });
    }

    if (Object.keys(accountChanges).length > 0) {
      if (accountChanges.active === false) {
        if (before.role === "owner") await assertOwnersRemain(tx, workspaceId, id, "deactivate");
        await assertInstanceAdminsRemain(tx, id);
      }
      await tx.user.update({ where: { id }, data: accountChanges });
      const changed = Object.keys(accountChanges) as ("name" | "active")[];
      if (changed.includes("active")) {
        // A deactivation ends the sessions and revokes the API tokens (every workspace's: it is the
        // account's), so that reactivating the account revives neither.
        await endSessions(id, tx);
        if (!accountChanges.active) await revokeAllTokens(tx, id);
      }
      await recordAudit(tx, ctx, {
        action: changed.includes("active") ? "user.active_changed" : "user.updated",
        target: { type: "user", id, label: before.user.email },
        before: Object.fromEntries(changed.map((k) => [k, before.user[k]])),
        after: accountChanges,
      });
    }
    return toMember(
      await tx.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId, userId: id } }, select: memberSelect }),
    );
  });
}

/** The deployment keeps an active instance admin. */
async function assertInstanceAdminsRemain(tx: Tx, id: string) {
  const user = await tx.user.findUniqueOrThrow({ where: { id }, select: { isAdmin: true } });
  if (!user.isAdmin) return;
  const others = await tx.user.count({ where: { isAdmin: true, active: true, id: { not: id } } });
  if (others === 0) throw conflict("The last active instance admin cannot be deactivated.");
}

/** Every API token of the account, in every workspace: deactivation is about the account. */
async function revokeAllTokens(tx: Tx, userId: string) {
  // Awaited inside: a Prisma query runs when awaited, and must run in the system scope.
  await asSystem(async () => await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } }));
}
