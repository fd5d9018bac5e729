import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";

/**
 * The distinct actions recorded so far in the workspace, for the filter. A loose index scan over the
 * (workspaceId, action, createdAt, id) index: one probe per distinct action, not a pass over every entry.
 */
export async function listAuditActions({ ctx }: { ctx: Ctx }): Promise<string[]> {
  authorize(ctx, "audit.read");
  const workspaceId = ctx.workspace!.id;
  const rows = await db.$queryRaw<{ action: string }[]>`
    WITH RECURSIVE actions AS (
      (SELECT action FROM "AuditLog" WHERE "workspaceId" = ${workspaceId}::uuid ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT action FROM "AuditLog" WHERE "workspaceId" = ${workspaceId}::uuid AND action > actions.action ORDER BY action LIMIT 1)
      FROM actions WHERE actions.action IS NOT NULL
    )
    SELECT action FROM actions WHERE action IS NOT NULL`;
  return rows.map((r) => r.action);
}
