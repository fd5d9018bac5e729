/** What a signed-in user is, as far as permissions go. */
export interface Principal {
  isAdmin: boolean;
  canTriggerIntegrations: boolean;
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
  "integrations.manage": (p: Principal) => p.isAdmin,
  "integrations.trigger": (p: Principal) => p.canTriggerIntegrations,
  "events.create": (p: Principal) => p.isAdmin,
  "audit.read": (p: Principal) => p.isAdmin,
  "users.manage": (p: Principal) => p.isAdmin,
} as const;

export type Permission = keyof typeof PERMISSIONS;

export function can(principal: Principal | null | undefined, permission: Permission): boolean {
  return principal ? PERMISSIONS[permission](principal) : false;
}
