import { db, sql } from "@/lib/db";
import { DEFAULT_WORKSPACE_ID } from "./scope";
import type { WorkspaceAdminView } from "./views";

/**
 * Workspaces as instance admins see them: name, slug, plan, and counts of members and
 * integrations, never their data. Workspace, Plan and Membership are not scoped; the integration
 * count is system work across workspaces (hand-written SQL, by the ids asked for).
 */
export async function workspaceAdminRows(where: { slug?: string } = {}): Promise<WorkspaceAdminView[]> {
  const rows = await db.workspace.findMany({
    where,
    include: { plan: { select: { id: true, key: true, name: true } }, _count: { select: { memberships: true } } },
    orderBy: [{ createdAt: "asc" }, { slug: "asc" }],
  });
  if (rows.length === 0) return [];
  const counts = await sql<{ workspaceId: string; count: string }>`
    SELECT "workspaceId", count(*)::text AS "count" FROM "Integration"
    WHERE "workspaceId" = ANY(${rows.map((r) => r.id)}::uuid[]) GROUP BY "workspaceId"`;
  const integrations = new Map(counts.map((c) => [c.workspaceId, Number(c.count)]));
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    plan: row.plan,
    members: row._count.memberships,
    integrations: integrations.get(row.id) ?? 0,
    isDefault: row.id === DEFAULT_WORKSPACE_ID,
    createdAt: row.createdAt,
  }));
}
