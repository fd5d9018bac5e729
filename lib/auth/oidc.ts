import { recordAudit } from "@/lib/audit";
import { asSystem } from "@/lib/workspaces/scope";
import { db } from "@/lib/db";
import { env, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { endSessions } from "./end-sessions";

/** Why a single sign-on was refused: the sign-in page says it in words of its own (SSO_REFUSALS). */
export const SSO_REFUSALS = {
  deactivated: "This account has been deactivated. Ask an admin to reactivate it.",
  not_provisioned: "There is no account for you in this portal. Ask an admin to add you.",
  no_email: "Your identity provider did not send an email address.",
  email_taken: "Another account of this portal already has your email address. Ask an admin.",
  failed: "Single sign-on did not complete. Try again.",
} as const;
export type SsoRefusalReason = keyof typeof SSO_REFUSALS;

export class SsoRefusal extends AppError {
  constructor(readonly reason: SsoRefusalReason) {
    super("unauthorized", SSO_REFUSALS[reason]);
  }
}

/** Whether single sign-on is configured (PORTAL_OIDC_ISSUER and its client). */
export const ssoEnabled = (e: Env = env()) => Boolean(e.PORTAL_OIDC_ISSUER && e.PORTAL_OIDC_CLIENT_ID && e.PORTAL_OIDC_CLIENT_SECRET);

/** Whether the SSO claims decide users' admin and trigger flags (either list is configured). */
export const ssoManagesRoles = (e: Env = env()) =>
  ssoEnabled(e) && (e.PORTAL_OIDC_ADMIN_VALUES.length > 0 || e.PORTAL_OIDC_TRIGGER_VALUES.length > 0);

/** The ID token claims the portal reads. */
export interface OidcClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  [claim: string]: unknown;
}

/** The flags the configured claim grants: its value may be a string or a list of strings. */
export function rolesFromClaims(claims: OidcClaims, e: Env = env()) {
  const raw = claims[e.PORTAL_OIDC_ROLES_CLAIM];
  const values = new Set((Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string"));
  return {
    isAdmin: e.PORTAL_OIDC_ADMIN_VALUES.some((v) => values.has(v)),
    canTriggerIntegrations: e.PORTAL_OIDC_TRIGGER_VALUES.some((v) => values.has(v)),
  };
}

/**
 * A sign-in through the OpenID provider, after next-auth checked the callback (state, nonce,
 * PKCE, the ID token's signature, issuer and audience). The user is the one linked to the
 * issuer and subject; at a first sign-in, one with the same verified email is linked, or — when
 * PORTAL_OIDC_CREATE_USERS — a user is created, without a password. When the roles are managed
 * by SSO, the admin and trigger flags follow the claims now (a change ends the user's other
 * sessions, as any change of role does). Returns what a session needs; refuses (audited) a
 * deactivated or unknown user.
 */
export function signInWithOidc(claims: OidcClaims, source: { ip?: string | null; userAgent?: string | null }) {
  // Before any workspace is known: its reads and audit rows are instance-level.
  return asSystem(() => oidcSignIn(claims, source));
}

async function oidcSignIn(claims: OidcClaims, source: { ip?: string | null; userAgent?: string | null }) {
  const e = env();
  const issuer = e.PORTAL_OIDC_ISSUER!;
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null;
  const name = (typeof claims.name === "string" && claims.name.trim()) || email || claims.sub;
  const refuse = async (reason: SsoRefusalReason): Promise<never> => {
    await recordAudit(db, source, {
      action: "auth.sign_in_failed",
      target: { type: "user", id: email ?? claims.sub, label: email },
      after: { reason, via: "sso" },
    });
    throw new SsoRefusal(reason);
  };

  let user = await db.user.findUnique({ where: { ssoIssuer_ssoSubject: { ssoIssuer: issuer, ssoSubject: claims.sub } } });
  if (!user && email && claims.email_verified === true) {
    const existing = await db.user.findUnique({ where: { email } });
    if (existing && !existing.ssoSubject)
      user = await db.user.update({ where: { id: existing.id }, data: { ssoIssuer: issuer, ssoSubject: claims.sub } });
  }
  const roles = ssoManagesRoles(e) ? rolesFromClaims(claims, e) : null;
  if (!user) {
    if (!e.PORTAL_OIDC_CREATE_USERS) return refuse("not_provisioned");
    if (!email) return refuse("no_email");
    user = await db
      .$transaction(async (tx) => {
        const created = await tx.user.create({
          data: { email, name: name.slice(0, 100), passwordHash: null, ssoIssuer: issuer, ssoSubject: claims.sub, ...(roles ?? {}) },
        });
        await recordAudit(
          tx,
          { ...source, actor: { id: created.id, email } },
          {
            action: "user.created",
            target: { type: "user", id: created.id, label: email },
            after: {
              email,
              name: created.name,
              isAdmin: created.isAdmin,
              canTriggerIntegrations: created.canTriggerIntegrations,
              via: "sso",
            },
          },
        );
        return created;
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === "P2002") throw new SsoRefusal("email_taken");
        throw error;
      });
  }
  if (!user.active) return refuse("deactivated");

  const changed = roles && (roles.isAdmin !== user.isAdmin || roles.canTriggerIntegrations !== user.canTriggerIntegrations);
  const signedIn = await db.$transaction(async (tx) => {
    const actor = { id: user.id, email: user.email };
    let current = user;
    if (changed) {
      await endSessions(user.id, tx);
      current = await tx.user.update({ where: { id: user.id }, data: roles });
      await recordAudit(
        tx,
        { ...source, actor: null },
        {
          action: "user.permission_changed",
          target: { type: "user", id: user.id, label: user.email },
          before: { isAdmin: user.isAdmin, canTriggerIntegrations: user.canTriggerIntegrations },
          after: { ...roles, via: "sso claims" },
        },
      );
    }
    const session = await tx.signInAttempt.create({
      data: { email: user.email, outcome: "succeeded", ip: source.ip },
      select: { id: true },
    });
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await recordAudit(
      tx,
      { ...source, actor },
      { action: "auth.signed_in", target: { type: "user", id: user.id, label: user.email }, after: { via: "sso" } },
    );
    return {
      id: current.id,
      email: current.email,
      name: current.name,
      sessionVersion: current.sessionVersion,
      sessionId: session.id.toString(),
    };
  });
  return signedIn;
}
