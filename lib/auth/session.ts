import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { currentRequestId, saneRequestId } from "@/lib/log";
import { authenticateToken } from "@/lib/tokens/authenticate-token";
import { adminTwoFactorRequired } from "@/lib/users/security-settings";
import { findMembership, isWorkspaceAdmin, WORKSPACE_COOKIE, WORKSPACE_HEADER, type ResolvedMembership } from "@/lib/workspaces/membership";
import type { Ctx } from "./context";
import { sessionRowId } from "./end-sessions";
import { authOptions } from "./next-auth";
import { clientAddress } from "./origin";

const actorFields = {
  id: true,
  email: true,
  name: true,
  isAdmin: true,
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
  // The workspace the URL names (/w/{slug}/…, /api/v1/workspaces/{slug}/…); else the one last worked in.
  const named = h.get(WORKSPACE_HEADER);
  const bearer = h.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    const found = await authenticateToken(bearer);
    if (!found) return null;
    // A token acts in its own workspace: any other named one is not found.
    const workspace = !named || named === found.workspace.slug ? found.workspace : null;
    return { actor: found.actor, token: found.token, via: "token", workspace, membership: workspace && found.membership, ...source };
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
  const remembered = named ? null : ((await cookies()).get(WORKSPACE_COOKIE)?.value ?? null);
  const [user, started, membership] = await Promise.all([
    db.user.findUnique({ where: { id: session.userId }, select: actorFields }),
    db.signInAttempt.findUnique({ where: { id: signIn }, select: { outcome: true, email: true } }),
    findMembership(session.userId, named ?? remembered).then((m) => (m || named ? m : findMembership(session.userId!, null))),
  ]);
  const live =
    user?.active && user.sessionVersion === session.sessionVersion && started?.outcome === "succeeded" && started.email === user.email;
  if (!live) return null;
  // Read only for the few it can concern: an admin signed in with a password, without a second factor.
  const actor = toActor(user, membership);
  const mustSetUpTwoFactor =
    (actor.isAdmin || actor.isInstanceAdmin) &&
    session.signedInVia !== "sso" &&
    user.passwordHash !== null &&
    !user.totpEnabledAt &&
    (await adminTwoFactorRequired());
  return {
    actor,
    workspace: membership?.workspace ?? null,
    membership: membership && { role: membership.role },
    via: "session",
    sessionId: session.sessionId,
    mustChangePassword: user.mustChangePassword,
    mustSetUpTwoFactor,
    ...source,
  };
});

function toActor(user: { id: string; email: string; name: string; isAdmin: boolean }, membership: ResolvedMembership | null) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: isWorkspaceAdmin(membership?.role),
    canTriggerIntegrations: membership?.canTriggerIntegrations ?? false,
    isInstanceAdmin: user.isAdmin,
  };
}
