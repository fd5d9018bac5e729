import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { currentRequestId, saneRequestId } from "@/lib/log";
import { authenticateToken } from "@/lib/tokens/authenticate-token";
import { adminTwoFactorRequired } from "@/lib/users/security-settings";
import type { Actor, Ctx } from "./context";
import { sessionRowId } from "./end-sessions";
import { authOptions } from "./next-auth";
import { clientAddress } from "./origin";

const actorFields = {
  id: true,
  email: true,
  name: true,
  isAdmin: true,
  canTriggerIntegrations: true,
  active: true,
  sessionVersion: true,
  mustChangePassword: true,
  passwordHash: true,
  totpEnabledAt: true,
} as const;

/**
 * Who is making the current request: an `Authorization: Bearer` API token, or else the session
 * cookie. Either way the user is read from the database now, with their current permissions,
 * and a deactivated user is nobody. Returns null for anonymous requests.
 */
export const getCtx = cache(async (): Promise<Ctx | null> => {
  const h = await headers();
  const source = {
    ip: clientAddress(h),
    userAgent: h.get("user-agent"),
    requestId: currentRequestId() ?? saneRequestId(h.get("x-request-id")),
  };
  const bearer = h.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    const found = await authenticateToken(bearer);
    return found ? { actor: found.actor, token: found.token, via: "token", ...source } : null;
  }
  const session = (await getServerSession(authOptions())) as {
    userId?: string;
    sessionVersion?: number;
    sessionId?: string;
    signedInAt?: number;
    signedInVia?: "password" | "sso";
  } | null;
  const signIn = sessionRowId(session?.sessionId);
  if (!session?.userId || signIn === null || typeof session.signedInAt !== "number") return null;
  // However often it is refreshed, a session ends PORTAL_SESSION_HOURS after its sign-in.
  if (Date.now() - session.signedInAt > env().PORTAL_SESSION_HOURS * 3_600_000) return null;
  const [user, started] = await Promise.all([
    db.user.findUnique({ where: { id: session.userId }, select: actorFields }),
    db.signInAttempt.findUnique({ where: { id: signIn }, select: { outcome: true, email: true } }),
  ]);
  const live =
    user?.active && user.sessionVersion === session.sessionVersion && started?.outcome === "succeeded" && started.email === user.email;
  if (!live) return null;
  // Read only for the few it can concern: an admin signed in with a password, without a second factor.
  const mustSetUpTwoFactor =
    user.isAdmin && session.signedInVia !== "sso" && user.passwordHash !== null && !user.totpEnabledAt && (await adminTwoFactorRequired());
  return {
    actor: toActor(user),
    via: "session",
    sessionId: session.sessionId,
    mustChangePassword: user.mustChangePassword,
    mustSetUpTwoFactor,
    ...source,
  };
});

function toActor(user: Actor & { active: boolean }): Actor {
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, canTriggerIntegrations: user.canTriggerIntegrations };
}
