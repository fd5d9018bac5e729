import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertId } from "@/lib/ids";

export const HISTORY_RANGES = {
  "24h": { hours: 24, bucketHours: 1 },
  "7d": { hours: 7 * 24, bucketHours: 24 },
  "30d": { hours: 30 * 24, bucketHours: 24 },
} as const;
export type HistoryRange = keyof typeof HISTORY_RANGES;
export const isHistoryRange = (value: unknown): value is HistoryRange => typeof value === "string" && value in HISTORY_RANGES;

export interface HistoryBucket {
  start: Date;
  succeeded: number;
  /** Failed or interrupted. */
  failed: number;
}

const HOUR = 3_600_000;

/**
 * An integration's finished deliveries (test sends aside) per hour over 24 hours, or per day
 * (UTC) over 7 or 30 days, oldest first, every bucket present. An index-only range scan of the
 * (integrationId, startedAt desc, id desc, kind, status) index. With `integrationId` null, every
 * integration's of the workspace together (the admins' overview): a range scan of the
 * (workspaceId, startedAt desc, id desc) index. An integration of another workspace has no deliveries here.
 */
export async function getDeliveryHistory({
  ctx,
  integrationId,
  range,
  now = new Date(),
}: {
  ctx: Ctx;
  integrationId: string | null;
  range: HistoryRange;
  now?: Date;
}): Promise<HistoryBucket[]> {
  authorize(ctx, "portal.read");
  const { hours, bucketHours } = HISTORY_RANGES[range];
  const step = bucketHours * HOUR;
  const end = new Date(Math.floor(now.getTime() / step) * step + step); // the end of the current bucket
  const start = new Date(end.getTime() - Math.ceil(hours / bucketHours) * step);
  const workspaceId = ctx.workspace!.id;
  const rows = await db.$queryRaw<{ bucket: Date; succeeded: bigint; failed: bigint }[]>(
    integrationId === null
      ? allDeliveriesHistorySql(workspaceId, start, end, bucketHours)
      : deliveryHistorySql(workspaceId, assertId(integrationId, "Integration"), start, end, bucketHours),
  );
  const byStart = new Map(rows.map((r) => [r.bucket.getTime(), r]));
  return Array.from({ length: Math.round((end.getTime() - start.getTime()) / step) }, (_, i) => {
    const at = start.getTime() + i * step;
    const row = byStart.get(at);
    return { start: new Date(at), succeeded: Number(row?.succeeded ?? 0), failed: Number(row?.failed ?? 0) };
  });
}

/**
 * The chart's query: it reads nothing but the (integrationId, startedAt, id, kind, status) index,
 * which holds finished attempts only (what the chart counts), once the integration is found in the
 * workspace (one probe, evaluated once).
 */
export const deliveryHistorySql = (workspaceId: string, integrationId: string, start: Date, end: Date, bucketHours: number) => Prisma.sql`
    SELECT date_bin(${`${bucketHours} hours`}::interval, "startedAt", ${start}) AS bucket,
           count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
           count(*) FILTER (WHERE status IN ('failed', 'interrupted')) AS failed
    FROM "Attempt"
    WHERE "integrationId" = ${integrationId}::uuid
      AND EXISTS (SELECT 1 FROM "Integration" WHERE "id" = ${integrationId}::uuid AND "workspaceId" = ${workspaceId}::uuid)
      AND "startedAt" >= ${start} AND "startedAt" < ${end}
      AND kind <> 'test'
      AND "finishedAt" IS NOT NULL
    GROUP BY 1`;

/** Every integration's deliveries of the workspace together, bucketed like deliveryHistorySql. */
const allDeliveriesHistorySql = (workspaceId: string, start: Date, end: Date, bucketHours: number) => Prisma.sql`
    SELECT date_bin(${`${bucketHours} hours`}::interval, "startedAt", ${start}) AS bucket,
           count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
           count(*) FILTER (WHERE status IN ('failed', 'interrupted')) AS failed
    FROM "Attempt"
    WHERE "workspaceId" = ${workspaceId}::uuid AND "startedAt" >= ${start} AND "startedAt" < ${end}
      AND kind <> 'test'
      AND "finishedAt" IS NOT NULL
    GROUP BY 1`;
