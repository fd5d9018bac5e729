import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { endSessions } from "@/lib/auth/end-sessions";
import { ssoManagesRoles } from "@/lib/auth/oidc";
import { db, type Tx } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { assertMayChangeOwner, assertOwnersRemain, findMember, lockOwners, memberSelect, toMember } from "./rules";
import { updateMemberInput, type UpdateMemberInput } from "./schemas";

/**
 * Changes a member's role or trigger permission in the workspace acted in. Only an owner grants or
 * takes away the owner role; the last owner keeps it. A membership the single sign-on mapping
 * made follows the claims and is not changed here. Audited; the member's sessions end, so that
 * no open page keeps the old rights. Pass `tx` to run inside a caller's transaction.
 */
export async function updateMember({ ctx, id, input, tx }: { ctx: Ctx; id: string; input: UpdateMemberInput; tx?: Tx }) {
  authorize(ctx, "users.manage");
  assertId(id, "Member");
  const changes = updateMemberInput.parse(input);
  const workspaceId = ctx.workspace!.id;
  const run = async (t: Tx) => {
    await lockOwners(t, workspaceId);
    const before = await findMember(t, workspaceId, id);
    const role = changes.role ?? before.role;
    const canTriggerIntegrations = changes.canTriggerIntegrations ?? before.canTriggerIntegrations;
    if (role === before.role && canTriggerIntegrations === before.canTriggerIntegrations) return toMember(before);
    if (before.source === "sso" && ssoManagesRoles()) {
      throw conflict("This member's role and trigger permission follow their single sign-on claims: change them at the identity provider.");
    }
    assertMayChangeOwner(ctx, before.role, role);
    if (before.role === "owner" && role !== "owner") await assertOwnersRemain(t, workspaceId, id, "demote");
    const after = await t.membership.update({
      where: { workspaceId_userId: { workspaceId, userId: id } },
      data: { role, canTriggerIntegrations },
      select: memberSelect,
    });
    await endSessions(id, t);
    await recordAudit(t, ctx, {
      action: role !== before.role ? "member.role_changed" : "member.permission_changed",
      target: { type: "user", id, label: before.user.email },
      before: { role: before.role, canTriggerIntegrations: before.canTriggerIntegrations },
      after: { role, canTriggerIntegrations },
    });
    return toMember(after);
  };
  return tx ? run(tx) : db.$transaction(run);
}
