/**
 * A delivery worker alone: `npm run worker`. Sends queued automatic deliveries (and runs the
 * minute's maintenance job) against the same database as the portal, so deliveries scale out over
 * several processes and machines. With DATABASE_URL unset it joins the embedded default of a
 * portal running from this checkout (PORTAL_DATA_DIR, PORTAL_EMBEDDED_PG_PORT).
 *
 * SIGTERM / Ctrl+C: stops taking jobs and finishes the deliveries in flight (up to 20 s).
 */
import path from "node:path";
import { readEmbeddedDefaults } from "../lib/server/embedded-defaults.ts";

(process.env as Record<string, string>).NODE_ENV ||= "production";
const root = path.join(import.meta.dirname, "..");
// Whatever directory it was started from, the portal reads its migrations and build from here.
process.chdir(root);
const { startTracing, stopTracing } = await import("../lib/observability/tracing.ts");
const tracing = await startTracing("webhooks-portal-worker");
const { logger } = await import("../lib/log.ts");
const log = (line: string) => logger().info({ component: "worker" }, line);

async function main() {
  if (tracing) log("exporting OpenTelemetry traces over OTLP (OTEL_EXPORTER_OTLP_ENDPOINT)");
  if (!process.env.DATABASE_URL) {
    const dataDir = path.resolve(root, process.env.PORTAL_DATA_DIR || ".data");
    const defaults = await readEmbeddedDefaults(dataDir);
    if (!defaults) {
      logger().fatal(
        { component: "worker" },
        `DATABASE_URL is not set and there is no embedded portal database in ${dataDir}: start the portal first (npm start), or set DATABASE_URL.`,
      );
      process.exit(1);
    }
    const port = Number(process.env.PORTAL_EMBEDDED_PG_PORT || 54329);
    process.env.DATABASE_URL = `postgresql://postgres:${encodeURIComponent(defaults.databasePassword)}@127.0.0.1:${port}/portal`;
    process.env.PORTAL_AUTH_SECRET ||= defaults.authSecret;
    process.env.PORTAL_ENCRYPTION_KEY ||= defaults.encryptionKey;
  }
  const { parseEnv } = await import("../lib/env.ts");
  let env;
  try {
    env = parseEnv();
  } catch (error) {
    logger().fatal({ component: "worker" }, (error as Error).message);
    process.exit(1);
  }
  const { startWorker } = await import("../lib/delivery/worker.ts");
  const worker = await startWorker({ concurrency: env.PORTAL_WORKER_CONCURRENCY, log });
  log(`running, ${env.PORTAL_WORKER_CONCURRENCY} deliveries at once (pid ${process.pid})`);
  if (env.PORTAL_WORKER_METRICS_PORT) {
    const { serveWorkerMetrics } = await import("../lib/metrics/endpoint.ts");
    await serveWorkerMetrics(env.PORTAL_WORKER_METRICS_PORT, env.HOST);
    log(
      `metrics on http://${env.HOST}:${env.PORTAL_WORKER_METRICS_PORT}/metrics` +
        (env.PORTAL_METRICS_TOKEN ? "" : " (off until PORTAL_METRICS_TOKEN is set)"),
    );
  }

  const shutdown = async (signal: string) => {
    log(`${signal} received, finishing the deliveries in flight`);
    await worker.stop(20_000).catch((error: unknown) => logger().error({ component: "worker", err: error }, "stopping failed"));
    const { disconnectDb } = await import("../lib/db.ts");
    await disconnectDb().catch(() => {});
    await stopTracing().catch(() => {});
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error) => {
  logger().fatal({ component: "worker", err: error }, "could not start");
  process.exit(1);
});
