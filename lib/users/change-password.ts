import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { endOtherSessions } from "@/lib/auth/end-sessions";
import { hashPassword } from "@/lib/auth/passwords";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import { confirmPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { conflict, invalid, notFound } from "@/lib/errors";
import { changePasswordInput, type ChangePasswordInput } from "./schemas";

/**
 * Changes the acting user's own password: the current one is required (and checked under the
 * sign-in lockout), the new one must pass the password rules. Every other session of the user
 * ends; the one that made the change goes on. Clears a reset's "must change" mark. Audited.
 */
export async function changePassword({ ctx, input }: { ctx: Ctx; input: ChangePasswordInput }) {
  authorize(ctx, "account.manage");
  const { currentPassword, newPassword } = changePasswordInput.parse(input);
  const user = await db.user.findUnique({ where: { id: ctx.actor.id }, select: { id: true, email: true, passwordHash: true } });
  if (!user) throw notFound("User");
  if (!user.passwordHash) throw conflict("You sign in through single sign-on: your password is managed by your identity provider.");
  if (newPassword === currentPassword) throw invalid("Choose a new password.", { newPassword: ["The same as the current one"] });
  assertAcceptablePassword(newPassword, { email: user.email }, "newPassword");
  await confirmPassword({ ...user, passwordHash: user.passwordHash }, currentPassword, ctx);
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() } });
    const ended = await endOtherSessions(user.email, ctx.via === "session" ? ctx.sessionId : undefined, tx);
    await recordAudit(tx, ctx, {
      action: "user.password_changed",
      target: { type: "user", id: user.id, label: user.email },
      after: { otherSessionsEnded: ended },
    });
  });
}
