import { auditColumns, type AuditEntry } from "@/lib/audit";
import type { Ctx } from "@/lib/auth/context";
import type { Tx } from "@/lib/db";
import { inSystemScope } from "./scope";

/**
 * An instance-level audit row (workspaces, plans): no workspace (AuditLog.workspaceId null, which
 * the column's default would otherwise make the default workspace's). In the change's transaction,
 * inside asSystem(): in a workspace's scope the row would be that workspace's.
 */
export async function recordInstanceAudit(tx: Tx, ctx: Ctx, entry: AuditEntry) {
  if (!inSystemScope()) throw new Error("recordInstanceAudit runs inside asSystem()");
  await tx.auditLog.create({ data: { ...auditColumns(ctx, entry), workspaceId: null } });
}
