import type { Tx } from "@/lib/db";
import type { LastExecution } from "./views";

/**
 * The latest execution (an attempt of kind initial, automatic, manual_retry or alert — failure
 * alerts sent through it are its deliveries —, not a test send) of each
 * integration, by integration id. One index probe per integration, whatever the history size.
 */
export async function lastExecutionsOf(client: Tx, integrationIds: string[]): Promise<Map<string, LastExecution>> {
  if (integrationIds.length === 0) return new Map();
  const rows = await client.$queryRaw<(LastExecution & { integrationId: string })[]>`
    SELECT i.id::text AS "integrationId", a.status, a."startedAt"
    FROM unnest(${integrationIds}::uuid[]) AS i(id)
    CROSS JOIN LATERAL (
      SELECT status, "startedAt" FROM "Attempt"
      WHERE "integrationId" = i.id AND kind IN ('initial', 'automatic', 'manual_retry', 'alert')
      ORDER BY "startedAt" DESC, id DESC
      LIMIT 1
    ) a`;
  return new Map(rows.map(({ integrationId, ...last }) => [integrationId, last]));
}
