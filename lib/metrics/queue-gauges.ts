import { Gauge, type Registry } from "prom-client";
import { sql } from "@/lib/db";

interface QueueRow {
  queued: number;
  scheduled: number;
  oldestDueSeconds: number | null;
}

/**
 * The delivery queue as the database sees it, read when Prometheus scrapes (one indexed query,
 * on the attempts table, which is the source of truth; pg-boss jobs only point at attempts).
 * Every portal instance reports the same figures: aggregate them with max(), not sum().
 */
export function registerQueueGauges(registry: Registry) {
  let pending: Promise<QueueRow> | null = null;
  // One query per scrape for both gauges.
  const read = () =>
    (pending ??= sql<QueueRow>`
      SELECT count(*) FILTER (WHERE "status" = 'queued')::int AS "queued",
        count(*) FILTER (WHERE "status" = 'scheduled')::int AS "scheduled",
        EXTRACT(EPOCH FROM now() - min(COALESCE("dueAt", "startedAt")) FILTER (WHERE COALESCE("dueAt", "startedAt") <= now()))::float8 AS "oldestDueSeconds"
      FROM "Attempt" a WHERE "status" IN ('queued', 'scheduled') AND "finishedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "DeliveryClaim" c WHERE c."attemptId" = a."id")`
      .then(([row]) => row)
      .finally(() => setTimeout(() => (pending = null), 0)));
  new Gauge({
    name: "portal_queue_depth",
    help: "Automatic deliveries waiting: queued (first attempt) or scheduled (a retry), due or not.",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      const row = await read();
      this.set({ state: "queued" }, row.queued);
      this.set({ state: "scheduled" }, row.scheduled);
    },
  });
  new Gauge({
    name: "portal_queue_oldest_due_age_seconds",
    help: "How long the longest-waiting delivery that is due has waited for a worker (0: none waiting).",
    registers: [registry],
    async collect() {
      this.set(Math.max(0, (await read()).oldestDueSeconds ?? 0));
    },
  });
}
