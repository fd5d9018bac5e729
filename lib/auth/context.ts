import { forbidden, unauthorized } from "@/lib/errors";
import { workspaceNotFound } from "@/lib/workspaces/errors";
import { enterSystem, enterWorkspace } from "@/lib/workspaces/scope";
import { can, INSTANCE_PERMISSIONS, PERMISSION_SCOPES, scopesAllow, type Permission } from "./permissions";

export interface Actor {
  id: string;
  email: string;
  name: string;
  /** An owner or admin of the workspace acting in (Membership.role). */
  isAdmin: boolean;
  /** May trigger integrations in the workspace acting in (Membership.canTriggerIntegrations). */
  canTriggerIntegrations: boolean;
  /** Operates the deployment: workspaces, plans, accounts (User.isAdmin). Grants nothing inside a workspace. */
  isInstanceAdmin: boolean;
}

export type MemberRole = "owner" | "admin" | "member";

/** The workspace a request acts in. */
export interface WorkspaceRef {
  id: string;
  slug: string;
  name: string;
  planId: string;
}

/** The API token a request came with: what the audit log and the history record of it. */
export interface ActingToken {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
}

/** Who is acting and from where: passed to every verb as `ctx`. */
export interface Ctx {
  actor: Actor;
  /** The workspace acted in, and the actor's role there; null: none (a user who belongs to no workspace). */
  workspace?: WorkspaceRef | null;
  membership?: { role: MemberRole } | null;
  ip?: string | null;
  userAgent?: string | null;
  /** The x-request-id of the request acting (recorded on audit rows and attempts). */
  requestId?: string | null;
  via: "session" | "token" | "system";
  /** Set when `via` is "token". */
  token?: ActingToken;
  /** Set when `via` is "session": the sign-in that started it (lib/auth/end-sessions.ts). */
  sessionId?: string;
  /** An admin reset the password: until it is changed, the session may do nothing else. */
  mustChangePassword?: boolean;
  /** An admin's session while the portal requires two-factor of admins and they have not set it up. */
  mustSetUpTwoFactor?: boolean;
}

/**
 * Throws unless the actor holds the permission — and, for a request made with an API token,
 * unless the token has a scope that grants it. Verbs call this first.
 */
export function authorize(ctx: Ctx | null, permission: Permission): asserts ctx is Ctx {
  if (!ctx) throw unauthorized();
  if (ctx.mustChangePassword && permission !== "account.manage") throw forbidden("Choose a new password first (Account → Password).");
  if (ctx.mustSetUpTwoFactor && permission !== "account.manage")
    throw forbidden("This portal requires two-factor for admins: set it up first (Account → Two-factor).");
  // The workspace's scope covers the rest of the verb: every query it makes (lib/workspaces/scope.ts).
  // An instance-level verb without a workspace (an account's own settings) touches no workspace's data:
  // its audit row is an instance-level one.
  if (ctx.workspace) enterWorkspace(ctx.workspace.id);
  else if (INSTANCE_PERMISSIONS.has(permission)) enterSystem();
  else throw workspaceNotFound();
  if (!can(ctx.actor, permission)) throw forbidden();
  if (ctx.token && !scopesAllow(ctx.token.scopes, permission)) {
    const needed = PERMISSION_SCOPES[permission].map((s) => `"${s}"`).join(" or ");
    if (!needed) throw forbidden("This needs a signed-in session: API tokens cannot change a password or two-factor.");
    throw forbidden(`This API token does not have the ${needed} scope.`);
  }
}

/** Whether authorize(ctx, permission) would pass, for verbs that widen what they do for some. */
export function isAllowed(ctx: Ctx, permission: Permission): boolean {
  return (
    (!!ctx.workspace || INSTANCE_PERMISSIONS.has(permission)) &&
    !ctx.mustChangePassword &&
    !ctx.mustSetUpTwoFactor &&
    can(ctx.actor, permission) &&
    (!ctx.token || scopesAllow(ctx.token.scopes, permission))
  );
}

/** The token as the audit log and the execution history name it: never its secret. */
export const tokenLabel = (ctx: Pick<Ctx, "token">) =>
  ctx.token ? { id: ctx.token.id, name: ctx.token.name, prefix: ctx.token.prefix } : null;
