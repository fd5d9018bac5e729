import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { signInInput } from "@/lib/users/schemas";
import type { Actor } from "./context";
import { decoyHash, verifyPassword } from "./passwords";

export const MAX_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

const WRONG_CREDENTIALS = "The email or password is not correct.";

/**
 * Checks an email and password. After MAX_FAILURES failures for one email within
 * LOCKOUT_MINUTES, every attempt for that email is refused (and audited) until the window has
 * passed. Counting lives in the database, so it holds across several portal instances.
 */
export async function signInWithPassword(input: unknown, source: { ip?: string | null; userAgent?: string | null }): Promise<Actor> {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) throw new AppError("unauthorized", WRONG_CREDENTIALS);
  const { email, password } = parsed.data;

  const windowStart = new Date(Date.now() - LOCKOUT_MINUTES * 60_000);
  const failures = await db.signInAttempt.findMany({
    where: { email, outcome: "failed", createdAt: { gte: windowStart } },
    orderBy: { createdAt: "desc" },
    take: MAX_FAILURES,
    select: { createdAt: true },
  });
  if (failures.length >= MAX_FAILURES) {
    const unlockAt = failures[MAX_FAILURES - 1].createdAt.getTime() + LOCKOUT_MINUTES * 60_000;
    const minutes = Math.max(1, Math.ceil((unlockAt - Date.now()) / 60_000));
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({ data: { email, outcome: "locked", ip: source.ip } });
      await recordAudit(tx, source, { action: "auth.sign_in_refused", target: { type: "user", id: email, label: email }, after: { reason: "too_many_failures" } });
    });
    throw new AppError(
      "rate_limited",
      `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    );
  }

  const user = await db.user.findUnique({ where: { email } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
  if (!user || !passwordOk || !user.active) {
    const reason = !user ? "unknown_email" : !passwordOk ? "wrong_password" : "deactivated";
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({ data: { email, outcome: "failed", ip: source.ip } });
      await recordAudit(tx, source, {
        action: "auth.sign_in_failed",
        target: { type: "user", id: user?.id ?? email, label: email },
        after: { reason },
      });
    });
    throw new AppError(
      "unauthorized",
      user && passwordOk && !user.active ? "This account has been deactivated. Ask an admin to reactivate it." : WRONG_CREDENTIALS,
    );
  }

  await db.$transaction(async (tx) => {
    await tx.signInAttempt.create({ data: { email, outcome: "succeeded", ip: source.ip } });
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    const actor = { id: user.id, email: user.email };
    await recordAudit(tx, { ...source, actor }, { action: "auth.signed_in", target: { type: "user", id: user.id, label: user.email } });
  });
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, canTriggerIntegrations: user.canTriggerIntegrations };
}
