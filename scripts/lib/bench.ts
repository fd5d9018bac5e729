import { spawn, type ChildProcess } from "node:child_process";
import { DEFAULT_WORKSPACE } from "../../lib/workspaces/scope.ts";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../../lib/server/migrate.ts";
import { freePort, startScratchPostgres } from "../../lib/server/scratch-postgres.ts";

const root = path.join(import.meta.dirname, "..", "..");

/**
 * A benchmark's world: a scratch PostgreSQL, migrated, and this process's environment set for a
 * portal on a free loopback port (fresh secrets, no demo data), plus `env` of the benchmark's own.
 */
export async function benchEnvironment(name: string, env: (port: number) => Record<string, string> = () => ({})) {
  const database = await startScratchPostgres(name);
  const port = await freePort();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    PORTAL_AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTAL_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    PORT: String(port),
    HOST: "127.0.0.1",
    PORTAL_SEED_DEMO: "0",
    ...env(port),
  });
  await applyMigrations(database.url);
  // BENCH_DROP_INDEXES=name,name: measure what those indexes cost the write path, in a second run.
  if (process.env.BENCH_DROP_INDEXES) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    for (const name of process.env.BENCH_DROP_INDEXES.split(",")) await client.query(`DROP INDEX "${name.replace(/"/g, "")}"`);
    await client.end();
  }
  return { database, port };
}

/** The p-th percentile of a sample (nearest rank). */
export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Starts the portal (`scripts/start.ts`) with this process's environment and waits until it
 * answers. It is killed when this process exits, however that happens.
 */
export async function startPortal(url: string, execArgv: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...execArgv, "--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  killOnExit(child);
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  if (process.env.TRACE) child.stdout!.pipe(process.stdout);
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the portal exited:\n${output}`);
    try {
      if ((await fetch(`${url}/sign-in`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the portal did not start:\n${output}`);
}

/** Kills `child` if this process exits first, however that happens (the listener goes with the child). */
export function killOnExit(child: ChildProcess) {
  const kill = () => child.kill("SIGKILL");
  process.on("exit", kill);
  child.once("exit", () => process.off("exit", kill));
}

/** A worker process (`npm run worker`) with this process's environment, resolved once it runs; `stop()` ends it gracefully. */
export function startWorker(execArgv: string[] = []): Promise<{ child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...execArgv, "--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  killOnExit(child);
  const exited = new Promise((r) => child.once("exit", r));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("running") && resolve({ child, stop }));
    child.once("exit", () => reject(new Error("worker exited")));
  });
}

/** An admin who may trigger, for a benchmark's set-up (`ctx`), and an API token of theirs with `scopes`. */
export async function setUpBenchAdmin(scopes: string[]) {
  const { db } = await import("../../lib/db.ts");
  const { generateApiToken } = await import("../../lib/tokens/token-hash.ts");
  const user = await db.user.create({
    data: {
      email: "bench@bench.test",
      name: "Bench",
      passwordHash: "-",
      isAdmin: true,
      canTriggerIntegrations: true,
      memberships: { create: { workspaceId: DEFAULT_WORKSPACE.id, role: "owner", canTriggerIntegrations: true } },
    },
  });
  const ctx = {
    actor: { id: user.id, email: user.email, name: user.name, isAdmin: true, canTriggerIntegrations: true, isInstanceAdmin: true },
    workspace: DEFAULT_WORKSPACE,
    via: "system" as const,
  };
  const { token, hash, prefix } = generateApiToken();
  await db.apiToken.create({ data: { userId: user.id, name: "bench", tokenHash: hash, prefix, scopes } });
  return { token, ctx };
}

/**
 * Another workspace (on the default plan) whose owner is the bench admin of setUpBenchAdmin, with an
 * API token of its own and a ctx acting in it.
 */
export async function setUpBenchWorkspace(slug: string, scopes: string[]) {
  const { db } = await import("../../lib/db.ts");
  const { generateApiToken } = await import("../../lib/tokens/token-hash.ts");
  const user = await db.user.findUniqueOrThrow({ where: { email: "bench@bench.test" } });
  const workspace = await db.workspace.create({ data: { name: `Bench ${slug}`, slug, planId: DEFAULT_WORKSPACE.planId } });
  await db.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "owner", canTriggerIntegrations: true } });
  const { token, hash, prefix } = generateApiToken();
  await db.apiToken.create({ data: { workspaceId: workspace.id, userId: user.id, name: "bench", tokenHash: hash, prefix, scopes } });
  const ctx = {
    actor: { id: user.id, email: user.email, name: user.name, isAdmin: true, canTriggerIntegrations: true, isInstanceAdmin: true },
    workspace: { id: workspace.id, slug, name: workspace.name, planId: workspace.planId },
    via: "system" as const,
  };
  return { token, ctx };
}

/** Stops a portal started by startPortal and waits for it to exit. */
export async function stopPortal(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

export interface CpuTimes {
  /** The portal process. */
  portal: number;
  /** PostgreSQL server processes started by this benchmark. */
  database: number;
  /** This process: the API client, the receiver and the direct sender. */
  bench: number;
}

/**
 * CPU milliseconds used so far (user + system) by the portal, the database server and this
 * process, read from /proc; null where /proc is not available.
 */
export function cpuTimes(portalPid: number): CpuTimes | null {
  if (process.platform !== "linux") return null;
  const procs = processTable();
  const descendsFrom = (pid: number, root: number) => descends(procs, pid, root);
  let portal = 0;
  let database = 0;
  for (const [pid, p] of procs) {
    if (descendsFrom(pid, portalPid)) portal += p.ms;
    else if (p.comm === "postgres" && descendsFrom(pid, process.pid)) database += p.ms;
  }
  const own = process.cpuUsage();
  return { portal, database, bench: (own.user + own.system) / 1000 };
}

export type ProcessTable = Map<number, { ppid: number; comm: string; ms: number }>;

/** Every process with its parent, name and CPU milliseconds so far (its own and its waited-for children's), from /proc. */
export function processTable(): ProcessTable {
  const ticksToMs = 10; // USER_HZ is 100 on Linux
  const procs: ProcessTable = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime, stime, and the same for children already waited for
      const ms = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * ticksToMs;
      procs.set(Number(entry), { ppid: Number(f[1]), comm, ms });
    } catch {
      // the process ended while we looked
    }
  }
  return procs;
}

/** Whether `pid` is `root` or one of its descendants. */
export function descends(procs: ProcessTable, pid: number, root: number): boolean {
  for (let p = pid; p > 1; p = procs.get(p)?.ppid ?? 0) if (p === root) return true;
  return false;
}
