import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertId } from "@/lib/ids";

export interface SuccessRate {
  succeeded: number;
  /** Attempts with an outcome: succeeded, failed or interrupted (pending ones are left out). */
  finished: number;
  /** succeeded / finished, or null when nothing finished in the window. */
  rate: number | null;
}

const HOUR = 3_600_000;

/**
 * How often an integration's deliveries (kind initial, automatic, manual_retry or alert — the
 * failure alerts sent through it; test sends do not count)
 * succeeded over the last 24 hours and the last 7 days. One index-only range scan of the
 * (integrationId, startedAt desc, id desc, kind, status) index over the 7 days.
 */
export async function getSuccessRates({ ctx, integrationId, now = new Date() }: { ctx: Ctx; integrationId: string; now?: Date }) {
  authorize(ctx, "portal.read");
  const day = new Date(now.getTime() - 24 * HOUR);
  const week = new Date(now.getTime() - 7 * 24 * HOUR);
  const [row] = await db.$queryRaw<{ daySucceeded: bigint; dayFinished: bigint; weekSucceeded: bigint; weekFinished: bigint }[]>(
    successRatesSql(ctx.workspace!.id, assertId(integrationId, "Integration"), day, week, now),
  );
  return { last24Hours: rate(row.daySucceeded, row.dayFinished), last7Days: rate(row.weekSucceeded, row.weekFinished) };
}
export type SuccessRates = Awaited<ReturnType<typeof getSuccessRates>>;

function rate(succeeded: bigint, finished: bigint): SuccessRate {
  const s = Number(succeeded);
  const f = Number(finished);
  return { succeeded: s, finished: f, rate: f === 0 ? null : s / f };
}

/**
 * The success rates' query: it reads nothing but the (integrationId, startedAt, id, kind, status)
 * index, which holds finished attempts only, once the integration is found in the workspace (one
 * probe, evaluated once): another workspace's integration has no deliveries here.
 */
export const successRatesSql = (workspaceId: string, integrationId: string, day: Date, week: Date, now: Date) => Prisma.sql`
    SELECT count(*) FILTER (WHERE status = 'succeeded' AND "startedAt" >= ${day}) AS "daySucceeded",
           count(*) FILTER (WHERE "startedAt" >= ${day}) AS "dayFinished",
           count(*) FILTER (WHERE status = 'succeeded') AS "weekSucceeded",
           count(*) AS "weekFinished"
    FROM "Attempt"
    WHERE "integrationId" = ${integrationId}::uuid
      AND EXISTS (SELECT 1 FROM "Integration" WHERE "id" = ${integrationId}::uuid AND "workspaceId" = ${workspaceId}::uuid)
      AND "startedAt" >= ${week} AND "startedAt" <= ${now}
      AND kind IN ('initial', 'automatic', 'manual_retry', 'alert')
      AND status IN ('succeeded', 'failed', 'interrupted')
      AND "finishedAt" IS NOT NULL`;
