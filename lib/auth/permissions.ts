/** What a signed-in user is, as far as permissions go. */
export interface Principal {
  isAdmin: boolean;
  canTriggerIntegrations: boolean;
  isInstanceAdmin?: boolean;
}

/**
 * Every permission of the portal and who holds it, declared once. Route handlers, server actions
 * and verbs name a permission from here; the UI reads the same map to hide what a user may not do.
 */
export const PERMISSIONS = {
  /** Read integrations, events and execution history: every signed-in user. */
  "portal.read": () => true,
  /** Manage own API tokens: every signed-in user. */
  "tokens.manage": () => true,
  /** Change own password and two-factor: every signed-in user, in a session (never with an API token). */
  "account.manage": () => true,
  "integrations.manage": (p: Principal) => p.isAdmin,
  "integrations.trigger": (p: Principal) => p.canTriggerIntegrations,
  "events.create": (p: Principal) => p.isAdmin,
  "audit.read": (p: Principal) => p.isAdmin,
  /** The workspace's members: invite, change roles, remove (owners and admins of the workspace). */
  "users.manage": (p: Principal) => p.isAdmin,
  /** The deployment: workspaces, plans, accounts, instance settings (instance admins, in any workspace or none). */
  "instance.manage": (p: Principal) => !!p.isInstanceAdmin,
} as const;

export type Permission = keyof typeof PERMISSIONS;

/** Permissions that are not about a workspace's data: they need no workspace to act in. */
export const INSTANCE_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(["instance.manage", "account.manage"]);

export function can(principal: Principal | null | undefined, permission: Permission): boolean {
  return principal ? PERMISSIONS[permission](principal) : false;
}

/** What an API token may be allowed to do, chosen when it is created. */
export const TOKEN_SCOPES = ["read", "events:write", "trigger", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_SCOPE_LABEL: Record<TokenScope, string> = {
  read: "Read integrations, events and delivery history; list, create and revoke your own tokens",
  "events:write": "Ingest events (POST /api/v1/events) and nothing else, not even reading them back",
  trigger: "Trigger integrations, retry and recover deliveries",
  admin: "Manage integrations, subscriptions, users and settings; read the audit log; ingest events",
};

/**
 * The scopes a token needs for each permission: any one of them will do. A token is allowed an
 * operation only when its user holds the permission at the time of use AND the token has one of
 * these scopes, so a token never does more than its user can do now.
 */
export const PERMISSION_SCOPES: Record<Permission, readonly TokenScope[]> = {
  "portal.read": ["read"],
  "tokens.manage": ["read"],
  /**
   * None: changing a password or two-factor proves who a person is, which a token cannot. With a
   * token these answer 403 before the current password is checked, so a leaked token cannot
   * count towards its user's sign-in lockout.
   */
  "account.manage": [],
  "integrations.manage": ["admin"],
  "integrations.trigger": ["trigger"],
  "events.create": ["events:write", "admin"],
  "audit.read": ["admin"],
  "users.manage": ["admin"],
  "instance.manage": ["admin"],
};

export const scopesAllow = (scopes: readonly string[], permission: Permission) =>
  PERMISSION_SCOPES[permission].some((scope) => scopes.includes(scope));

/** The scopes a user may put on a token: each one that grants a permission they hold. */
export function grantableScopes(principal: Principal): TokenScope[] {
  return TOKEN_SCOPES.filter((scope) =>
    (Object.keys(PERMISSION_SCOPES) as Permission[]).some((p) => PERMISSION_SCOPES[p].includes(scope) && can(principal, p)),
  );
}
