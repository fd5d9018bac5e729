import type { Tx } from "@/lib/db";
import { integrationNotFound } from "./errors";

/**
 * Locks an integration's row until the transaction ends, so that changes to its webhook
 * configuration (save, rotate, delete) happen one after another. Returns its name.
 */
export async function lockIntegration(tx: Tx, id: string): Promise<string> {
  const rows = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM "Integration" WHERE id = ${id}::uuid FOR UPDATE`;
  if (rows.length === 0) throw integrationNotFound();
  return rows[0].name;
}
