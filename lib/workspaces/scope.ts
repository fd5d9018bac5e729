import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The one place that says which workspace a query belongs to. Every query of `db` (lib/db.ts) on a
 * model a workspace owns is narrowed to the workspace held here; the models below are the whole list.
 * Verbs enter their ctx's workspace through authorize() (lib/auth/context.ts), their first line.
 * Work that spans workspaces (the delivery engine, sweeps, sign-in) runs in asSystem().
 *
 * A Prisma query runs when it is awaited, in the async context that awaits it: inside inWorkspace()
 * or asSystem(), await it there (`asSystem(async () => await db.x.findMany())`), never return the
 * unawaited query out of the scope.
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

/**
 * One storage and one fail-closed switch per process, whichever copy of this module asks: the
 * server's start script and the Next bundle each load their own copy of it, and they share one
 * database client (lib/db.ts), whose scope must be the one authorize() entered.
 */
const shared = ((
  globalThis as unknown as { portalWorkspaceScope?: { storage: AsyncLocalStorage<Scope>; failClosed: boolean } }
).portalWorkspaceScope ??= { storage: new AsyncLocalStorage<Scope>(), failClosed: false });
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

/**
 * Runs fn across workspaces: the delivery engine, sweeps, sign-in, instance administration. What fn
 * starts (timers, promises, a queue's loops) stays system work, whatever request it was called from.
 */
export const asSystem = <T>(fn: () => T): T => storage.run({ system: true }, fn);

/**
 * `fn`, run later from anywhere (a stream's pull, a callback), in the scope current now: the
 * workspace a verb entered, or system work. Outside any scope, `fn` as it is.
 */
export const boundToScope = <A extends unknown[], R>(fn: (...args: A) => Promise<R>): ((...args: A) => Promise<R>) => {
  const scope = storage.getStore();
  return scope ? (...args) => storage.run(scope, async () => await fn(...args)) : fn;
};

/** Runs fn outside any workspace or system scope: what fail-closed refuses (its tests). */
export const withoutScope = <T>(fn: () => T): T => storage.exit(fn);

/** Makes the rest of the current async context system work: an instance-level verb without a workspace (authorize). */
export const enterSystem = () => {
  if (!inSystemScope()) storage.enterWith({ system: true });
};
/**
 * In the portal's server a query on a workspace's model outside any workspace or system scope is
 * refused (lib/server/instrumentation turns this on): a verb that forgot its scope fails, it does
 * not read every workspace.
 */
export const refuseUnscopedQueries = (refuse = true) => {
  shared.failClosed = refuse;
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
