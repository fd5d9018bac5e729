import type { Tx } from "@/lib/db";
import { scopeWorkspaceId } from "@/lib/workspaces/scope";
import type { LastExecution } from "./views";

/**
 * The latest execution (an attempt of kind initial, automatic, manual_retry or alert — failure
 * alerts sent through it are its deliveries —, not a test send) of each
 * integration, by integration id. Two index probes per integration (its newest finished attempt
 * and its newest in flight: each side has its own index), whatever the history size. Only the
 * integrations of the caller's workspace (scopeWorkspaceId) are looked at.
 */
export async function lastExecutionsOf(client: Tx, integrationIds: string[]): Promise<Map<string, LastExecution>> {
  if (integrationIds.length === 0) return new Map();
  const rows = await client.$queryRaw<(LastExecution & { integrationId: string })[]>`
    SELECT i.id::text AS "integrationId", a.status, a."startedAt"
    FROM unnest(${integrationIds}::uuid[]) AS i(id)
    JOIN "Integration" ws ON ws."id" = i.id AND ws."workspaceId" = ${scopeWorkspaceId()}::uuid
    CROSS JOIN LATERAL (
      SELECT status, "startedAt" FROM (
        (SELECT status, "startedAt", id FROM "Attempt"
         WHERE "integrationId" = i.id AND kind IN ('initial', 'automatic', 'manual_retry', 'alert') AND "finishedAt" IS NOT NULL
         ORDER BY "startedAt" DESC, id DESC LIMIT 1)
        UNION ALL
        (SELECT status, "startedAt", id FROM "Attempt"
         WHERE "integrationId" = i.id AND kind IN ('initial', 'automatic', 'manual_retry', 'alert') AND "finishedAt" IS NULL
         ORDER BY "startedAt" DESC, id DESC LIMIT 1)
      ) latest
      ORDER BY "startedAt" DESC, id DESC
      LIMIT 1
    ) a`;
  return new Map(rows.map(({ integrationId, ...last }) => [integrationId, last]));
}
