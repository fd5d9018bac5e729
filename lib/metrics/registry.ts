import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { workerState } from "@/lib/jobs/worker-state";

/**
 * The metrics of this process, in one prom-client registry shared by every copy of this module
 * (the HTTP server of scripts/start.ts and the code Next bundles run in the same process).
 * Counters and histograms are recorded where things happen; gauges are read at scrape time.
 */
export interface PortalMetrics {
  registry: Registry;
  deliveries: Counter<"integration_id" | "integration_name" | "kind" | "outcome">;
  deliveryDuration: Histogram<"kind" | "outcome">;
  httpRequestDuration: Histogram<"method" | "route" | "status">;
}

const globalForMetrics = globalThis as unknown as { portalMetrics?: PortalMetrics };

export function metrics(): PortalMetrics {
  return (globalForMetrics.portalMetrics ??= createMetrics());
}

function createMetrics(): PortalMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const deliveries = new Counter({
    name: "portal_deliveries_total",
    help: "Webhook deliveries finished by this process, by integration, kind (initial, automatic, manual_retry, test) and outcome class (success or the error class).",
    labelNames: ["integration_id", "integration_name", "kind", "outcome"] as const,
    registers: [registry],
  });
  const deliveryDuration = new Histogram({
    name: "portal_delivery_duration_seconds",
    help: "How long webhook requests took, from sending to the complete answer or the failure.",
    labelNames: ["kind", "outcome"] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const httpRequestDuration = new Histogram({
    name: "portal_http_request_duration_seconds",
    help: "HTTP requests served by the portal, by method, route (ids replaced by :id) and status.",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: "portal_worker_concurrency",
    help: "Automatic deliveries this process's worker may send at once (0: no worker in this process).",
    registers: [registry],
    collect() {
      this.set(workerState()?.concurrency ?? 0);
    },
  });
  new Gauge({
    name: "portal_worker_deliveries_in_flight",
    help: "Automatic deliveries this process's worker is sending right now (its concurrency in use).",
    registers: [registry],
    collect() {
      this.set(workerState()?.inFlight ?? 0);
    },
  });
  return { registry, deliveries, deliveryDuration, httpRequestDuration };
}

/** Records one finished delivery (called where every send is recorded, and for skipped ones). */
export function recordDeliveryMetric(d: {
  integrationId: string | null;
  integrationName: string;
  kind: string;
  outcome: string;
  durationMs: number | null;
}) {
  const m = metrics();
  m.deliveries.inc({ integration_id: d.integrationId ?? "", integration_name: d.integrationName, kind: d.kind, outcome: d.outcome });
  if (d.durationMs !== null) m.deliveryDuration.observe({ kind: d.kind, outcome: d.outcome }, d.durationMs / 1000);
}
