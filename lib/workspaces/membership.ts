import type { MemberRole, WorkspaceRef } from "@/lib/auth/context";
import { sql } from "@/lib/db";

export interface ResolvedMembership {
  workspace: WorkspaceRef;
  role: MemberRole;
  canTriggerIntegrations: boolean;
}

export { WORKSPACE_COOKIE, WORKSPACE_HEADER } from "./request-names";

type Row = { id: string; slug: string; name: string; planId: string; role: MemberRole; canTriggerIntegrations: boolean };

/**
 * A user's membership of the workspace with this slug (null: no such workspace, or not a member:
 * the same answer), or with no slug their first membership (null: they belong to none).
 */
export async function findMembership(userId: string, slug: string | null): Promise<ResolvedMembership | null> {
  const [row] = slug
    ? await sql<Row>`
        SELECT w."id", w."slug", w."name", w."planId", m."role", m."canTriggerIntegrations"
        FROM "Workspace" w JOIN "Membership" m ON m."workspaceId" = w."id" AND m."userId" = ${userId}::uuid
        WHERE w."slug" = ${slug}::text`
    : await sql<Row>`
        SELECT w."id", w."slug", w."name", w."planId", m."role", m."canTriggerIntegrations"
        FROM "Membership" m JOIN "Workspace" w ON w."id" = m."workspaceId"
        WHERE m."userId" = ${userId}::uuid ORDER BY m."createdAt", w."slug" LIMIT 1`;
  return row ? toMembership(row) : null;
}

export const toMembership = (row: Row): ResolvedMembership => ({
  workspace: { id: row.id, slug: row.slug, name: row.name, planId: row.planId },
  role: row.role,
  canTriggerIntegrations: row.canTriggerIntegrations,
});

export const isWorkspaceAdmin = (role: MemberRole | null | undefined) => role === "owner" || role === "admin";
