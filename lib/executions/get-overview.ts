import { authorize, type Ctx } from "@/lib/auth/context";
import { db, sql } from "@/lib/db";

export interface FailingIntegration {
  integrationId: string;
  integrationName: string;
  failed: number;
  succeeded: number;
  lastFailureAt: Date;
}

export interface DisabledSubscription {
  subscriptionId: string;
  integrationId: string;
  integrationName: string;
  eventTypes: string[];
  /** Why the portal disabled it; null when a person did. */
  disabledReason: string | null;
  disabledAt: Date | null;
}

export interface Overview {
  /** Integrations with failed deliveries in the last 24 hours, most failures first (at most 20). */
  failing: FailingIntegration[];
  disabledSubscriptions: DisabledSubscription[];
  queue: { queued: number; scheduled: number; oldestDueSeconds: number | null };
}

/**
 * What an admin checks first across every integration: which are failing (the last 24 hours'
 * failed and interrupted deliveries — alerts included, test sends not — most first), which
 * subscriptions are disabled and why, and how many automatic deliveries wait in the queue.
 */
export async function getOverview({ ctx, now = new Date() }: { ctx: Ctx; now?: Date }): Promise<Overview> {
  authorize(ctx, "integrations.manage");
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const workspaceId = ctx.workspace!.id;
  const [failing, disabled, [queue]] = await Promise.all([
    sql<FailingIntegration>`
      SELECT a."integrationId"::text AS "integrationId", max(a."integrationName") AS "integrationName",
        count(*) FILTER (WHERE a."status" IN ('failed', 'interrupted'))::int AS "failed",
        count(*) FILTER (WHERE a."status" = 'succeeded')::int AS "succeeded",
        max(a."startedAt") FILTER (WHERE a."status" IN ('failed', 'interrupted')) AS "lastFailureAt"
      FROM "Attempt" a
      WHERE a."workspaceId" = ${workspaceId}::uuid AND a."startedAt" >= ${since} AND a."integrationId" IS NOT NULL AND a."kind" <> 'test' AND a."finishedAt" IS NOT NULL
      GROUP BY a."integrationId"
      HAVING count(*) FILTER (WHERE a."status" IN ('failed', 'interrupted')) > 0
      ORDER BY 3 DESC, 5 DESC
      LIMIT 20`,
    db.subscription.findMany({
      where: { enabled: false },
      orderBy: [{ disabledAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      take: 50,
      select: { id: true, eventTypes: true, disabledReason: true, disabledAt: true, integration: { select: { id: true, name: true } } },
    }),
    sql<Overview["queue"]>`
      SELECT count(*) FILTER (WHERE "status" = 'queued')::int AS "queued",
        count(*) FILTER (WHERE "status" = 'scheduled')::int AS "scheduled",
        EXTRACT(EPOCH FROM now() - min(COALESCE("dueAt", "startedAt")) FILTER (WHERE COALESCE("dueAt", "startedAt") <= now()))::float8 AS "oldestDueSeconds"
      FROM "Attempt" a WHERE a."workspaceId" = ${workspaceId}::uuid AND "status" IN ('queued', 'scheduled') AND "finishedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "DeliveryClaim" c WHERE c."attemptId" = a."id")`,
  ]);
  return {
    failing,
    disabledSubscriptions: disabled.map((s) => ({
      subscriptionId: s.id,
      integrationId: s.integration.id,
      integrationName: s.integration.name,
      eventTypes: s.eventTypes,
      disabledReason: s.disabledReason,
      disabledAt: s.disabledAt,
    })),
    queue: queue ?? { queued: 0, scheduled: 0, oldestDueSeconds: null },
  };
}
