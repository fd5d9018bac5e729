import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { endSessions } from "@/lib/auth/end-sessions";
import { generatePassword, hashPassword } from "@/lib/auth/passwords";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { conflict, notFound } from "@/lib/errors";

/**
 * An admin resets another user's password: a generated one, returned to be shown once, that
 * the user must change at their next sign-in. Ends all of the user's sessions. Audited (without
 * the password).
 */
export async function resetPassword({ ctx, id }: { ctx: Ctx; id: string }): Promise<{ generatedPassword: string }> {
  authorize(ctx, "users.manage");
  assertId(id, "User");
  if (id === ctx.actor.id) throw conflict("Change your own password on your account page, with your current one.");
  const generatedPassword = generatePassword();
  const passwordHash = await hashPassword(generatedPassword);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { email: true, ssoSubject: true } });
    if (!user) throw notFound("User");
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
