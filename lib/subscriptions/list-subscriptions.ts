import { authorize, type Ctx } from "@/lib/auth/context";
import { db, sql } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { integrationNotFound } from "@/lib/integrations/errors";
import { toSubscriptionView, type SubscriptionWithActivity } from "./views";

/**
 * An integration's subscriptions, oldest first, each with what it matched recently: automatic
 * deliveries in the last 24 hours and the latest one.
 */
export async function listSubscriptions({
  ctx,
  integrationId,
}: {
  ctx: Ctx;
  integrationId: string;
}): Promise<{ data: SubscriptionWithActivity[] }> {
  authorize(ctx, "portal.read");
  const id = assertId(integrationId, "Integration");
  const integration = await db.integration.findUnique({ where: { id }, select: { id: true } });
  if (!integration) throw integrationNotFound();
  const rows = await db.subscription.findMany({ where: { integrationId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (rows.length === 0) return { data: [] };
  const activity = await sql<{ subscriptionId: string; deliveries24h: number; attempts24h: number; lastDeliveryAt: Date | null }>`
    SELECT s."id" AS "subscriptionId", recent."deliveries24h", recent."attempts24h",
      GREATEST(
        (SELECT max(a."startedAt") FROM "Attempt" a WHERE a."subscriptionId" = s."id" AND a."finishedAt" IS NOT NULL),
        (SELECT max(a."startedAt") FROM "Attempt" a WHERE a."subscriptionId" = s."id" AND a."finishedAt" IS NULL)
      ) AS "lastDeliveryAt"
    FROM unnest(${rows.map((r) => r.id)}::uuid[]) AS s ("id")
    CROSS JOIN LATERAL (
      SELECT count(DISTINCT a."messageId")::int AS "deliveries24h", count(*)::int AS "attempts24h"
      FROM (
        SELECT "messageId" FROM "Attempt"
        WHERE "subscriptionId" = s."id" AND "startedAt" > now() - interval '24 hours' AND "finishedAt" IS NOT NULL
        UNION ALL
        SELECT "messageId" FROM "Attempt"
        WHERE "subscriptionId" = s."id" AND "startedAt" > now() - interval '24 hours' AND "finishedAt" IS NULL
      ) a
    ) recent`;
  const byId = new Map(activity.map((a) => [a.subscriptionId, a]));
  return {
    data: rows.map((r) => {
      const a = byId.get(r.id);
      return {
        ...toSubscriptionView(r),
        activity: {
          deliveries24h: a?.deliveries24h ?? 0,
          attempts24h: a?.attempts24h ?? 0,
          lastDeliveryAt: a?.lastDeliveryAt ?? null,
        },
      };
    }),
  };
}
