import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";

/**
 * Ends every session of a user, on every device: a session carries the user's session version
 * from its sign-in, and one older than the user's current version is nobody (lib/auth/session.ts).
 * Run on deactivation and on a change of the user's role.
 */
export async function endSessions(userId: string, tx: Tx = db) {
  await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/**
 * Ends every session of a user but one (`keep`, the session that changed the password): their
 * sign-in rows are marked "ended". Returns how many ended.
 */
export async function endOtherSessions(email: string, keep: string | undefined, tx: Tx = db) {
  const id = sessionRowId(keep);
  const { count } = await tx.signInAttempt.updateMany({
    where: { email, outcome: "succeeded", ...(id !== null && { id: { not: id } }) },
    data: { outcome: "ended" },
  });
  return count;
}

/**
 * Ends one session (signing out): a session names the sign-in that started it (its
 * "succeeded" SignInAttempt row), and one whose sign-in is marked "signed_out" is nobody.
 */
export async function endSession(sessionId: string) {
  const id = sessionRowId(sessionId);
  if (id !== null) await db.signInAttempt.updateMany({ where: { id, outcome: "succeeded" }, data: { outcome: "signed_out" } });
}

/** The SignInAttempt id a session names, or null for a value that cannot be one. */
export const sessionRowId = (sessionId: unknown): bigint | null =>
  typeof sessionId === "string" && /^\d{1,18}$/.test(sessionId) ? BigInt(sessionId) : null;
