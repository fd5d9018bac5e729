import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { endSessions } from "@/lib/auth/end-sessions";
import { generatePassword, hashPassword } from "@/lib/auth/passwords";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { conflict } from "@/lib/errors";
import { assertMayManageAccount, findMember } from "@/lib/members/rules";

/**
 * An admin resets a member's password: a generated one, returned to be shown once, that the
 * user must change at their next sign-in. Account-level: the workspace's owners and admins only
 * for an account of no other workspace (an instance admin always); 404 for a non-member. Ends all of the user's sessions. Audited (without
 * the password).
 */
export async function resetPassword({ ctx, id }: { ctx: Ctx; id: string }): Promise<{ generatedPassword: string }> {
  authorize(ctx, "users.manage");
  assertId(id, "User");
  if (id === ctx.actor.id) throw conflict("Change your own password on your account page, with your current one.");
  const generatedPassword = generatePassword();
  const passwordHash = await hashPassword(generatedPassword);
  await db.$transaction(async (tx) => {
    const member = await findMember(tx, ctx.workspace!.id, id);
    assertMayManageAccount(ctx, member);
    const user = await tx.user.findUniqueOrThrow({ where: { id }, select: { email: true, ssoSubject: true } });
    if (user.ssoSubject) throw conflict("This user signs in through single sign-on: their password is managed by the identity provider.");
    await tx.user.update({ where: { id }, data: { passwordHash, mustChangePassword: true, passwordChangedAt: new Date() } });
    await endSessions(id, tx);
    await recordAudit(tx, ctx, {
      action: "user.password_reset",
      target: { type: "user", id, label: user.email },
      after: { mustChangePassword: true },
    });
  });
  return { generatedPassword };
}
