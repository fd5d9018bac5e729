import { auditColumns, recordAudit, type AuditSource } from "@/lib/audit";
import { db, type Tx } from "@/lib/db";
import { env, WORKSPACE_ROLE_ENTRY, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { asSystem, DEFAULT_WORKSPACE_ID } from "@/lib/workspaces/scope";
import type { MemberRole } from "./context";
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

/**
 * Whether the SSO claims decide memberships: PORTAL_OIDC_WORKSPACE_ROLES, or (without it) the
 * admin and trigger values, which then decide the membership of the default workspace.
 */
export const ssoManagesRoles = (e: Env = env()) =>
  ssoEnabled(e) &&
  (e.PORTAL_OIDC_WORKSPACE_ROLES.length > 0 || e.PORTAL_OIDC_ADMIN_VALUES.length > 0 || e.PORTAL_OIDC_TRIGGER_VALUES.length > 0);

/** The ID token claims the portal reads. */
export interface OidcClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  [claim: string]: unknown;
}

/** The values of the configured claim: a string or a list of strings. */
function claimValues(claims: OidcClaims, e: Env) {
  const raw = claims[e.PORTAL_OIDC_ROLES_CLAIM];
  return new Set((Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string"));
}

/** The flags the admin and trigger values grant (without PORTAL_OIDC_WORKSPACE_ROLES: in the default workspace). */
export function rolesFromClaims(claims: OidcClaims, e: Env = env()) {
  const values = claimValues(claims, e);
  return {
    isAdmin: e.PORTAL_OIDC_ADMIN_VALUES.some((v) => values.has(v)),
    canTriggerIntegrations: e.PORTAL_OIDC_TRIGGER_VALUES.some((v) => values.has(v)),
  };
}

/** A membership the claims grant: in the workspace with this slug, or (the admin and trigger values) the default one. */
export interface GrantedMembership {
  workspace: { slug: string } | { id: string };
  role: MemberRole;
  canTriggerIntegrations: boolean;
}

const RANK: Record<MemberRole, number> = { member: 0, admin: 1, owner: 2 };

/** PORTAL_OIDC_WORKSPACE_ROLES, parsed: claim value → workspace slug, role, trigger. */
export function workspaceRoleMapping(e: Env = env()) {
  return e.PORTAL_OIDC_WORKSPACE_ROLES.map((entry) => {
    const [, value, slug, role, trigger] = WORKSPACE_ROLE_ENTRY.exec(entry)!;
    return { value, slug, role: role as MemberRole, canTriggerIntegrations: Boolean(trigger) };
  });
}

/**
 * The memberships the claims grant, or null when single sign-on does not manage memberships.
 * With PORTAL_OIDC_WORKSPACE_ROLES: one per workspace named by a value the user has (several
 * values for one workspace: the highest role, and the trigger permission if any grants it).
 * Without it, the admin and trigger values decide the default workspace's membership: admin
 * values give the admin role, trigger values the trigger permission.
 */
export function membershipsFromClaims(claims: OidcClaims, e: Env = env()): GrantedMembership[] | null {
  if (!ssoManagesRoles(e)) return null;
  if (e.PORTAL_OIDC_WORKSPACE_ROLES.length === 0) {
    const { isAdmin, canTriggerIntegrations } = rolesFromClaims(claims, e);
    return [{ workspace: { id: DEFAULT_WORKSPACE_ID }, role: isAdmin ? "admin" : "member", canTriggerIntegrations }];
  }
  const values = claimValues(claims, e);
  const bySlug = new Map<string, GrantedMembership & { workspace: { slug: string } }>();
  for (const grant of workspaceRoleMapping(e)) {
    if (!values.has(grant.value)) continue;
    const seen = bySlug.get(grant.slug);
    bySlug.set(grant.slug, {
      workspace: { slug: grant.slug },
      role: seen && RANK[seen.role] > RANK[grant.role] ? seen.role : grant.role,
      canTriggerIntegrations: Boolean(seen?.canTriggerIntegrations) || grant.canTriggerIntegrations,
    });
  }
  return [...bySlug.values()];
}

/**
 * A sign-in through the OpenID provider, after next-auth checked the callback (state, nonce,
 * PKCE, the ID token's signature, issuer and audience). The user is the one linked to the
 * issuer and subject; at a first sign-in, one with the same verified email is linked, or — when
 * PORTAL_OIDC_CREATE_USERS — a user is created, without a password. When SSO manages
 * memberships (membershipsFromClaims), they follow the claims now: granted ones are created or
 * raised or lowered to the claims' role, and memberships SSO made that the claims no longer grant
 * are removed (a change ends the user's other sessions, as any change of role does). Otherwise a
 * user created here joins the default workspace as a member. Returns what a session needs;
 * refuses (audited) a deactivated or unknown user. Runs across workspaces (asSystem).
 */
export function signInWithOidc(claims: OidcClaims, source: { ip?: string | null; userAgent?: string | null }, e: Env = env()) {
  return asSystem(() => ssoSignIn(claims, source, e));
}

async function ssoSignIn(claims: OidcClaims, source: { ip?: string | null; userAgent?: string | null }, e: Env) {
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
  const granted = membershipsFromClaims(claims, e);
  let created = false;
  if (!user) {
    if (!e.PORTAL_OIDC_CREATE_USERS) return refuse("not_provisioned");
    if (!email) return refuse("no_email");
    user = await db
      .$transaction(async (tx) => {
        const made = await tx.user.create({
          data: { email, name: name.slice(0, 100), passwordHash: null, ssoIssuer: issuer, ssoSubject: claims.sub },
        });
        await recordAudit(
          tx,
          { ...source, actor: { id: made.id, email } },
          { action: "user.created", target: { type: "user", id: made.id, label: email }, after: { email, name: made.name, via: "sso" } },
        );
        // Without a mapping, a new user has what a new user had before workspaces: the default workspace, as a member.
        if (!granted)
          await syncMemberships(
            tx,
            made,
            [{ workspace: { id: DEFAULT_WORKSPACE_ID }, role: "member", canTriggerIntegrations: false }],
            source,
          );
        return made;
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === "P2002") throw new SsoRefusal("email_taken");
        throw error;
      });
    created = true;
  }
  if (!user.active) return refuse("deactivated");

  const signedIn = await db.$transaction(async (tx) => {
    const actor = { id: user.id, email: user.email };
    let current = user;
    if (granted) {
      const changed = await syncMemberships(tx, user, granted, source);
      // A change of rights ends the other sessions (not at the first sign-in: there are none).
      if (changed && !created) {
        await endSessions(user.id, tx);
        current = await tx.user.findUniqueOrThrow({ where: { id: user.id } });
      }
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

/**
 * Makes the user's memberships what the claims grant: creates the missing ones, raises or lowers
 * role and trigger permission to the claims', and removes those SSO made that are no longer
 * granted (a workspace's last owner is kept: logged, not removed or demoted). Memberships made in
 * the portal are changed only where the claims name their workspace. Each change is audited in its
 * workspace's log. Answers whether anything changed.
 */
async function syncMemberships(tx: Tx, user: { id: string; email: string }, granted: GrantedMembership[], source: AuditSource) {
  const slugs = granted.flatMap((g) => ("slug" in g.workspace ? [g.workspace.slug] : []));
  const ids = granted.flatMap((g) => ("id" in g.workspace ? [g.workspace.id] : []));
  const workspaces = await tx.workspace.findMany({
    where: { OR: [{ slug: { in: slugs } }, { id: { in: ids } }] },
    select: { id: true, slug: true },
  });
  const wanted = new Map<string, GrantedMembership>();
  for (const grant of granted) {
    const workspace = workspaces.find((w) => ("slug" in grant.workspace ? w.slug === grant.workspace.slug : w.id === grant.workspace.id));
    if (workspace) wanted.set(workspace.id, grant);
    else
      logger().warn({ component: "sso", workspace: grant.workspace }, "PORTAL_OIDC_WORKSPACE_ROLES names a workspace that does not exist");
  }
  const existing = await tx.membership.findMany({ where: { userId: user.id } });
  const audit = (workspaceId: string, action: string, before: object | null, after: object | null) =>
    tx.auditLog.create({
      data: {
        ...auditColumns(
          { ...source, actor: null },
          { action, target: { type: "user", id: user.id, label: user.email }, before, after: after && { ...after, via: "sso claims" } },
        ),
        workspaceId,
      },
    });
  let changed = false;
  for (const [workspaceId, grant] of wanted) {
    const now = existing.find((m) => m.workspaceId === workspaceId);
    const next = { role: grant.role, canTriggerIntegrations: grant.canTriggerIntegrations };
    if (!now) {
      await tx.membership.create({ data: { workspaceId, userId: user.id, ...next, source: "sso" } });
      await audit(workspaceId, "member.joined", null, next);
      changed = true;
    } else if (now.role !== next.role || now.canTriggerIntegrations !== next.canTriggerIntegrations) {
      if (now.role === "owner" && next.role !== "owner" && (await isLastOwner(tx, workspaceId, user.id))) {
        logger().warn({ component: "sso", workspaceId }, "single sign-on would demote the last owner of a workspace: kept");
        continue;
      }
      await tx.membership.update({ where: { workspaceId_userId: { workspaceId, userId: user.id } }, data: { ...next, source: "sso" } });
      await audit(
        workspaceId,
        now.role !== next.role ? "member.role_changed" : "member.permission_changed",
        { role: now.role, canTriggerIntegrations: now.canTriggerIntegrations },
        next,
      );
      changed = true;
    }
  }
  for (const gone of existing.filter((m) => m.source === "sso" && !wanted.has(m.workspaceId))) {
    if (gone.role === "owner" && (await isLastOwner(tx, gone.workspaceId, user.id))) {
      logger().warn({ component: "sso", workspaceId: gone.workspaceId }, "single sign-on would remove the last owner of a workspace: kept");
      continue;
    }
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId: gone.workspaceId, userId: user.id } } });
    await tx.apiToken.updateMany({
      where: { workspaceId: gone.workspaceId, userId: user.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await audit(gone.workspaceId, "member.removed", { role: gone.role, canTriggerIntegrations: gone.canTriggerIntegrations }, null);
    changed = true;
  }
  return changed;
}

const isLastOwner = async (tx: Tx, workspaceId: string, userId: string) =>
  (await tx.membership.count({ where: { workspaceId, role: "owner", userId: { not: userId }, user: { active: true } } })) === 0;
