import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";

/**
 * Ends every session of a user, on every device: a session carries the user's session version
 * from its sign-in, and one older than the user's current version is nobody (lib/auth/session.ts).
 * Run on sign-out, deactivation and a change of the user's role.
 */
export async function endSessions(userId: string, tx: Tx = db) {
  await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
