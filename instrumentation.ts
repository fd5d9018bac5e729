/**
 * Next's start-up hook, for servers started by Next itself (`next dev`): the portal's server
 * process fails closed on a query of a workspace's data made outside any workspace or system scope
 * (lib/workspaces/scope.ts). `npm start` (scripts/start.ts) turns it on before anything runs.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseUnscopedQueries } = await import("@/lib/workspaces/scope");
  refuseUnscopedQueries();
}
