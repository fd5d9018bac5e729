import { sql } from "@/lib/db";
import { env } from "@/lib/env";
import { workerState } from "@/lib/jobs/worker-state";
import { embeddedPostgresState, type EmbeddedPostgresState } from "./embedded-postgres-state";
import { shippedMigrationNames } from "./migrate";

export interface ReadinessCheck {
  ok: boolean;
  /** Why the check failed, in words safe to show anyone (no connection strings, no stack). */
  reason?: string;
}

export interface ReadinessReport {
  status: "ready" | "not_ready";
  checks: {
    database: ReadinessCheck & { latencyMs?: number; embedded?: EmbeddedPostgresState };
    migrations: ReadinessCheck & { applied?: number; shipped?: number; pending?: string[] };
    worker: ReadinessCheck & { state: "running" | "stopped" | "disabled"; concurrency?: number };
  };
}

/** How long the database may take to answer before the instance counts as not ready. */
const DATABASE_TIMEOUT_MS = 2_000;

let shipped: Promise<string[]> | undefined;

/**
 * Whether this instance should receive traffic: the database answers, every migration shipped
 * with this build is applied, and the delivery worker runs when this process is meant to run one
 * (PORTAL_WORKER). Two small queries; nothing in the report names a secret.
 */
export async function checkReadiness(): Promise<ReadinessReport> {
  const database: ReadinessReport["checks"]["database"] = { ok: false };
  const migrations: ReadinessReport["checks"]["migrations"] = { ok: false };
  const started = performance.now();
  try {
    const applied = await withTimeout(
      sql<{
        name: string;
      }>`SELECT "migration_name" AS "name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
      DATABASE_TIMEOUT_MS,
    );
    database.ok = true;
    database.latencyMs = Math.round(performance.now() - started);
    const names = await (shipped ??= shippedMigrationNames().catch((error: unknown) => {
      shipped = undefined;
      throw error;
    }));
    const done = new Set(applied.map((r) => r.name));
    const pending = names.filter((name) => !done.has(name));
    Object.assign(migrations, { ok: pending.length === 0, applied: done.size, shipped: names.length, pending });
    if (pending.length > 0) migrations.reason = `${pending.length} migration(s) not applied yet.`;
  } catch (error) {
    if (!database.ok) {
      database.reason =
        error instanceof TimeoutError ? `The database did not answer within ${DATABASE_TIMEOUT_MS} ms.` : "The database cannot be reached.";
      migrations.reason = "Unknown while the database cannot be reached.";
    } else {
      migrations.reason = "The migrations shipped with this build cannot be read.";
    }
  }
  const embedded = embeddedPostgresState();
  if (embedded) {
    database.embedded = embedded;
    if (embedded.state === "restarting" && !database.ok)
      database.reason = `The embedded PostgreSQL stopped at ${embedded.stoppedAt} and is being started again (next attempt at ${embedded.nextAttemptAt}).`;
  }
  const worker = workerCheck();
  const ready = database.ok && migrations.ok && worker.ok;
  return { status: ready ? "ready" : "not_ready", checks: { database, migrations, worker } };
}

function workerCheck(): ReadinessReport["checks"]["worker"] {
  const state = workerState();
  if (state) return { ok: true, state: "running", concurrency: state.concurrency };
  if (!env().PORTAL_WORKER) return { ok: true, state: "disabled" };
  return { ok: false, state: "stopped", reason: "PORTAL_WORKER is on but this process runs no delivery worker." };
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
