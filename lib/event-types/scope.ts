import { scopeWorkspaceId } from "@/lib/workspaces/scope";

/**
 * Where every query of event types, their schemas and their settings narrows its rows. The
 * workspace is added to each query by the database client (lib/workspaces/scope.ts); the keys
 * below name one row of the current workspace where a unique key is needed.
 */
export const inScope = <W extends object>(where: W): W => where;

/** One event type of the current workspace, by name. */
export const typeKey = (name: string) => ({ workspaceId_name: { workspaceId: scopeWorkspaceId(), name } });

/** One schema version of an event type of the current workspace. */
export const schemaKey = (typeName: string, version: number) => ({
  workspaceId_typeName_version: { workspaceId: scopeWorkspaceId(), typeName, version },
});
