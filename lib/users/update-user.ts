import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { endSessions } from "@/lib/auth/end-sessions";
import { ssoManagesRoles } from "@/lib/auth/oidc";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { conflict, notFound } from "@/lib/errors";
import { updateUserInput, userView, type UpdateUserInput } from "./schemas";

/**
 * Changes a user's name, flags or active state (ending their sessions when their role or
 * active state changes). Refuses to leave the portal without an active
 * admin: the last active admin cannot drop their own admin flag or deactivate themselves.
 */
export async function updateUser({ ctx, id, input }: { ctx: Ctx; id: string; input: UpdateUserInput }) {
  authorize(ctx, "users.manage");
  assertId(id, "User");
  const changes = updateUserInput.parse(input);

  return db.$transaction(async (tx) => {
    // Serialise admin changes so two admins demoting each other cannot both succeed.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(727211095)`;
    const before = await tx.user.findUnique({ where: { id }, select: userView });
    if (!before) throw notFound("User");

    const rolesChange = changes.isAdmin !== undefined || changes.canTriggerIntegrations !== undefined;
    if (rolesChange && before.ssoIssuer && ssoManagesRoles()) {
      throw conflict("This user's admin and trigger permissions follow their single sign-on claims: change them at the identity provider.");
    }
    const losesAdmin = before.isAdmin && before.active && (changes.isAdmin === false || changes.active === false);
    if (losesAdmin) {
      const otherAdmins = await tx.user.count({ where: { isAdmin: true, active: true, id: { not: id } } });
      if (otherAdmins === 0) {
        throw conflict(
          changes.active === false
            ? "The last active admin cannot be deactivated. Make another user an admin first."
            : "The last active admin cannot lose the admin role. Make another user an admin first.",
        );
      }
    }

    const after = await tx.user.update({ where: { id }, data: changes, select: userView });
    const changed = (Object.keys(changes) as (keyof UpdateUserInput)[]).filter((k) => before[k] !== after[k]);
    // A deactivation or a new role ends the user's sessions; a deactivation also revokes their
    // API tokens, so that reactivating the user revives neither.
    if (changed.some((k) => k === "active" || k === "isAdmin" || k === "canTriggerIntegrations")) await endSessions(id, tx);
    if (changed.includes("active") && !after.active) {
      await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    }
    if (changed.length > 0) {
      await recordAudit(tx, ctx, {
        action: auditAction(changed),
        target: { type: "user", id, label: after.email },
        before: pick(before, changed),
        after: pick(after, changed),
      });
    }
    return after;
  });
}

function auditAction(changed: string[]) {
  if (changed.includes("active")) return "user.active_changed";
  if (changed.includes("isAdmin") || changed.includes("canTriggerIntegrations")) return "user.permission_changed";
  return "user.updated";
}

const pick = <T extends object>(o: T, keys: (keyof T)[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));
