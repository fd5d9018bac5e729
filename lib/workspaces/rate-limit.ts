import { sql } from "@/lib/db";
import { rateLimited } from "@/lib/errors";

/**
 * A workspace's plan rates: events ingested per minute (Plan.ingestPerMinute) and manual triggers
 * per minute (Plan.triggersPerMinute). The same generic cell rate algorithm as a user's trigger
 * limit (lib/executions/rate-limit.ts), over one row per workspace and kind ("WorkspaceRateLimit"):
 * `tat` is when the workspace's allowance would be used up. The whole allowance may be used at
 * once, then one more comes back every minute / limit. A check is one statement that reads the
 * limit from the workspace's plan: with no limit it changes nothing and allows.
 */

export type WorkspaceRate = "ingest" | "trigger";

const WINDOW_MS = 60_000;

const WHAT: Record<WorkspaceRate, string> = {
  ingest: "ingest at most",
  trigger: "trigger integrations at most",
};

/** Takes one of the workspace's allowance of `kind`, or refuses with 429 `rate_limited` and Retry-After. */
export async function takeWorkspaceAllowance(workspaceId: string, kind: WorkspaceRate, now = new Date()): Promise<void> {
  // The subquery on "WorkspaceRateLimit" sees the row as it was before this statement: when the
  // allowance is refused (and the row left alone), that is the time it is used up until.
  const [row] = await sql<{ perMinute: number | null; planName: string | null; allowed: boolean; tat: Date | null }>`
    WITH plan AS (
      SELECT CASE WHEN ${kind}::text = 'ingest' THEN p."ingestPerMinute" ELSE p."triggersPerMinute" END AS "perMinute", p."name"
      FROM "Workspace" w JOIN "Plan" p ON p."id" = w."planId" WHERE w."id" = ${workspaceId}::uuid
    ), allowance AS (
      INSERT INTO "WorkspaceRateLimit" AS r ("workspaceId", "kind", "tat")
      SELECT ${workspaceId}::uuid, ${kind}::text, ${now}::timestamp + (60000.0 / plan."perMinute") * interval '1 millisecond'
      FROM plan WHERE plan."perMinute" IS NOT NULL
      ON CONFLICT ("workspaceId", "kind") DO UPDATE SET "tat" = GREATEST(r."tat", ${now}::timestamp) + (excluded."tat" - ${now}::timestamp)
      WHERE GREATEST(r."tat", ${now}::timestamp) + (excluded."tat" - ${now}::timestamp) <= ${now}::timestamp + interval '1 minute'
      RETURNING 1
    )
    SELECT (SELECT "perMinute" FROM plan) AS "perMinute", (SELECT "name" FROM plan) AS "planName",
      EXISTS (SELECT 1 FROM allowance) AS "allowed",
      (SELECT "tat" FROM "WorkspaceRateLimit" WHERE "workspaceId" = ${workspaceId}::uuid AND "kind" = ${kind}::text) AS "tat"`;
  if (!row || row.perMinute === null || row.allowed) return;
  const interval = WINDOW_MS / row.perMinute;
  const waitMs = row.tat ? row.tat.getTime() + interval - WINDOW_MS - now.getTime() : interval;
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  throw rateLimited(
    `This workspace's ${row.planName} plan lets it ${WHAT[kind]} ${row.perMinute} ${kind === "ingest" ? "events" : "times"} a minute. Try again in ${retryAfter} s.`,
    retryAfter,
  );
}

/** About how much of each allowance the workspace used in the last minute (from the rows' tat). */
export async function workspaceRateUsage(
  workspaceId: string,
  limits: Record<WorkspaceRate, number | null>,
  now = new Date(),
): Promise<Record<WorkspaceRate, number>> {
  const rows = await sql<{ kind: string; tat: Date }>`
    SELECT "kind", "tat" FROM "WorkspaceRateLimit" WHERE "workspaceId" = ${workspaceId}::uuid`;
  const used = (kind: WorkspaceRate) => {
    const limit = limits[kind];
    const tat = rows.find((r) => r.kind === kind)?.tat;
    if (!limit || !tat) return 0;
    return Math.min(limit, Math.max(0, Math.ceil((tat.getTime() - now.getTime()) / (WINDOW_MS / limit))));
  };
  return { ingest: used("ingest"), trigger: used("trigger") };
}
