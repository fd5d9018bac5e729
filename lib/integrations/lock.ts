import type { Tx } from "@/lib/db";
import { scopeWorkspaceId } from "@/lib/workspaces/scope";
import { integrationNotFound, webhookNotConfigured } from "./errors";

/**
 * Locks an integration's row until the transaction ends, so that changes to its webhook
 * configuration (save, rotate, delete) happen one after another. Returns its name. An integration
 * of another workspace than the verb's (scopeWorkspaceId) is not found.
 */
export async function lockIntegration(tx: Tx, id: string): Promise<string> {
  const rows = await tx.$queryRaw<{ name: string }[]>`
    SELECT name FROM "Integration" WHERE id = ${id}::uuid AND "workspaceId" = ${scopeWorkspaceId()}::uuid FOR UPDATE`;
  if (rows.length === 0) throw integrationNotFound();
  return rows[0].name;
}

/** Locks the integration (as lockIntegration) and loads its webhook configuration, which must exist. */
export async function lockWebhookConfig(tx: Tx, integrationId: string) {
  const name = await lockIntegration(tx, integrationId);
  const config = await tx.webhookConfig.findUnique({ where: { integrationId } });
  if (!config) throw webhookNotConfigured();
  return { name, config };
}
