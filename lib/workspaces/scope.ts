import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The one place that says which workspace a query belongs to. Every query of `db` (lib/db.ts) on a
 * model a workspace owns is narrowed to the workspace held here; the models below are the whole list.
 * Verbs enter their ctx's workspace through authorize() (lib/auth/context.ts), their first line.
 * Work that spans workspaces (the delivery engine, sweeps, sign-in) runs in asSystem().
 */

/** The id of the workspace an install had before workspaces: everything that existed moved into it. */
export const DEFAULT_WORKSPACE_ID = "00000000-0000-4000-8000-000000000001";

/** Models with their own workspaceId column. */
export const WORKSPACE_MODELS = new Set([
  "Integration",
  "Event",
  "EventType",
  "EventTypeSchema",
  "Message",
  "Attempt",
  "AuditLog",
  "ApiToken",
  "IdempotencyKey",
  "Invitation",
]);

/** Models that belong to an integration, and so to its workspace. */
export const INTEGRATION_CHILD_MODELS = new Set(["WebhookConfig", "Subscription", "RecoveryRun", "Transformation"]);

type Scope = { workspaceId: string } | { system: true };

const globalForScope = globalThis as unknown as { portalWorkspaceScope?: { storage: AsyncLocalStorage<Scope>; failClosed: boolean } };

/**
 * One store per process, however many copies of this module are loaded: scripts/start.ts (tsx) and
 * the code Next bundles each load their own, and the `db` client (lib/db.ts, also one per process)
 * must see the scope that authorize() entered in either.
 */
const shared = (globalForScope.portalWorkspaceScope ??= { storage: new AsyncLocalStorage<Scope>(), failClosed: false });
const storage = shared.storage;

/** The workspace the current async context acts in; null outside one (system work, scripts, tests). */
export function currentWorkspaceId(): string | null {
  const scope = storage.getStore();
  return scope && "workspaceId" in scope ? scope.workspaceId : null;
}

/** Whether the current context declared itself system work (asSystem). */
export const inSystemScope = () => {
  const scope = storage.getStore();
  return !!scope && "system" in scope;
};

/** Runs fn with its queries narrowed to one workspace. */
export const inWorkspace = <T>(workspaceId: string, fn: () => T): T => storage.run({ workspaceId }, fn);

/**
 * Narrows the rest of the current async context (the verb calling it, and what it awaits) to the
 * workspace: what authorize() does, because a verb cannot be wrapped from the inside.
 */
export const enterWorkspace = (workspaceId: string) => {
  if (currentWorkspaceId() !== workspaceId) storage.enterWith({ workspaceId });
};

/** Runs fn across workspaces: the delivery engine, sweeps, sign-in, instance administration. */
export const asSystem = <T>(fn: () => T): T => storage.run({ system: true }, fn);

/**
 * In the portal's server a query on a workspace's model outside any workspace or system scope is
 * refused (lib/server/instrumentation turns this on): a verb that forgot its scope fails, it does
 * not read every workspace.
 */
export const refuseUnscopedQueries = () => {
  shared.failClosed = true;
};
export const unscopedQueriesRefused = () => shared.failClosed;

/**
 * The current workspace, for a unique key or a hand-written query that must name it: outside any
 * workspace (scripts, the single-workspace tests) the default one.
 */
export const scopeWorkspaceId = () => currentWorkspaceId() ?? DEFAULT_WORKSPACE_ID;

/** The default workspace as a request context names it (scripts and tests that act in it). */
export const DEFAULT_WORKSPACE = {
  id: DEFAULT_WORKSPACE_ID,
  slug: "default",
  name: "Default",
  planId: "00000000-0000-4000-8000-0000000000a0",
} as const;
