import { recordAudit } from "@/lib/audit";
import { asSystem } from "@/lib/workspaces/scope";
import { db } from "@/lib/db";
import { AppError, invalid } from "@/lib/errors";
import { decryptSecret } from "@/lib/crypto";
import { SECOND_FACTOR_REQUIRED, signInInput } from "@/lib/users/schemas";
import type { Actor, Ctx } from "./context";
import { decoyHash, verifyPassword } from "./passwords";
import { hashRecoveryCode, looksLikeTotp, verifyTotp } from "./totp";

export const MAX_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

const WRONG_CREDENTIALS = "The email or password is not correct.";

/**
 * Checks an email and password — and, for a user with two-factor, the code from their app or a
 * recovery code: without one, a right password answers SECOND_FACTOR_REQUIRED and the form asks
 * for it, then sends all three again. A wrong code is a failure like a wrong password.
 * After MAX_FAILURES failures for one email within LOCKOUT_MINUTES, every attempt for that email
 * is refused (and audited) until the window has passed. Counting lives in the database, so it
 * holds across several portal instances, and it is atomic: each check first reserves its place
 * under a lock per email (see reserveCheck), so at most MAX_FAILURES passwords or codes are
 * checked per window however many attempts arrive at once.
 */
export function signInWithPassword(
  input: unknown,
  source: { ip?: string | null; userAgent?: string | null },
): Promise<Actor & { sessionVersion: number; sessionId: string; mustChangePassword: boolean }> {
  // Before any workspace is known: its reads and audit rows are instance-level.
  return asSystem(() => passwordSignIn(input, source));
}

async function passwordSignIn(
  input: unknown,
  source: { ip?: string | null; userAgent?: string | null },
): Promise<Actor & { sessionVersion: number; sessionId: string; mustChangePassword: boolean }> {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) throw new AppError("unauthorized", WRONG_CREDENTIALS);
  const { email, password, code } = parsed.data;

  const reservation = await reserveCheck(email, source);
  if ("unlockAt" in reservation) throw lockedOut(reservation.unlockAt);

  const user = await db.user.findUnique({ where: { email } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
  if (!user || !passwordOk || !user.active) {
    const reason = !user ? "unknown_email" : !passwordOk ? "wrong_password" : "deactivated";
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.update({ where: { id: reservation.id }, data: { outcome: "failed" } });
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

  let secondFactor: Awaited<ReturnType<typeof checkSecondFactor>> | undefined;
  if (user.totpSecret) {
    if (!code) {
      await db.signInAttempt.update({ where: { id: reservation.id }, data: { outcome: "second_factor" } });
      throw new AppError("unauthorized", SECOND_FACTOR_REQUIRED);
    }
    secondFactor = await checkSecondFactor({ id: user.id, totpSecret: user.totpSecret }, code);
    if (!secondFactor) {
      await db.$transaction(async (tx) => {
        await tx.signInAttempt.update({ where: { id: reservation.id }, data: { outcome: "failed" } });
        await recordAudit(tx, source, {
          action: "auth.sign_in_failed",
          target: { type: "user", id: user.id, label: email },
          after: { reason: looksLikeTotp(code) ? "wrong_code" : "wrong_recovery_code" },
        });
      });
      throw new AppError("unauthorized", "That code is not correct. Enter the code your app shows now, or a recovery code.");
    }
  }

  await db.$transaction(async (tx) => {
    await tx.signInAttempt.update({ where: { id: reservation.id }, data: { outcome: "succeeded" } });
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    const actor = { id: user.id, email: user.email };
    await recordAudit(
      tx,
      { ...source, actor },
      { action: "auth.signed_in", target: { type: "user", id: user.id, label: user.email }, ...(secondFactor && { after: secondFactor }) },
    );
  });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    canTriggerIntegrations: user.canTriggerIntegrations,
    isInstanceAdmin: user.isAdmin,
    sessionVersion: user.sessionVersion,
    sessionId: reservation.id.toString(),
    mustChangePassword: user.mustChangePassword,
  };
}

/**
 * Checks a signed-in person's password before a change of it, under the same lockout as signing
 * in: a wrong one counts as a failed sign-in for the email, and after MAX_FAILURES the check is
 * refused until the window has passed. Audited when wrong.
 */
export async function confirmPassword(
  user: { id: string; email: string; passwordHash: string },
  password: string,
  ctx: Ctx,
  field = "currentPassword",
) {
  const reservation = await reserveCheck(user.email, ctx);
  if ("unlockAt" in reservation) throw lockedOut(reservation.unlockAt);
  const ok = await verifyPassword(user.passwordHash, password);
  await db.$transaction(async (tx) => {
    await tx.signInAttempt.update({ where: { id: reservation.id }, data: { outcome: ok ? "confirmed" : "failed" } });
    if (!ok) await recordAudit(tx, ctx, { action: "auth.password_check_failed", target: { type: "user", id: user.id, label: user.email } });
  });
  if (!ok) throw invalid("The current password is not correct.", { [field]: ["Not correct"] });
}

/**
 * A TOTP code, accepted once per time step (a conditional update, so two sign-ins with one code
 * at once cannot both pass), or an unused recovery code, marked used.
 */
async function checkSecondFactor(user: { id: string; totpSecret: string }, code: string) {
  if (looksLikeTotp(code)) {
    const step = verifyTotp(decryptSecret(user.totpSecret), code);
    if (step === null) return null;
    const { count } = await db.user.updateMany({
      where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1 ? { secondFactor: "totp" } : null;
  }
  const { count } = await db.twoFactorRecoveryCode.updateMany({
    where: { userId: user.id, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (count === 0) return null;
  const recoveryCodesLeft = await db.twoFactorRecoveryCode.count({ where: { userId: user.id, usedAt: null } });
  return { secondFactor: "recovery_code", recoveryCodesLeft };
}

const lockedOut = (unlockAt: Date) => {
  const minutes = Math.max(1, Math.ceil((unlockAt.getTime() - Date.now()) / 60_000));
  return new AppError(
    "rate_limited",
    `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  );
};

/**
 * Under a transaction lock on the email, counts its failures in the window — a check still
 * running ("checking") counts as one — and either records a "checking" attempt (the caller then
 * checks the password and records the outcome on it) or, when the count has reached
 * MAX_FAILURES, records and audits the refusal. A check whose process dies stays a failure.
 */
async function reserveCheck(
  email: string,
  source: { ip?: string | null; userAgent?: string | null },
): Promise<{ id: bigint } | { unlockAt: Date }> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIGN_IN_LOCK}::int, hashtext(${email}))`;
      const windowStart = new Date(Date.now() - LOCKOUT_MINUTES * 60_000);
      const failures = await tx.signInAttempt.findMany({
        where: { email, outcome: { in: ["failed", "checking"] }, createdAt: { gte: windowStart } },
        orderBy: { createdAt: "desc" },
        take: MAX_FAILURES,
        select: { createdAt: true },
      });
      if (failures.length < MAX_FAILURES) {
        const { id } = await tx.signInAttempt.create({ data: { email, outcome: "checking", ip: source.ip }, select: { id: true } });
        return { id };
      }
      await tx.signInAttempt.create({ data: { email, outcome: "locked", ip: source.ip } });
      await recordAudit(tx, source, {
        action: "auth.sign_in_refused",
        target: { type: "user", id: email, label: email },
        after: { reason: "too_many_failures" },
      });
      return { unlockAt: new Date(failures[MAX_FAILURES - 1].createdAt.getTime() + LOCKOUT_MINUTES * 60_000) };
      // Many attempts at once queue for the lock (each holds it for a few milliseconds).
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

/** The first key of the sign-in advisory locks (the second is the email's hash). */
const SIGN_IN_LOCK = 727211096;
