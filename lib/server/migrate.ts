import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/** The migrations shipped with this checkout (the portal and its scripts run from its root). */
export const migrationsDir = () => path.join(process.cwd(), "prisma", "migrations");
/** Any constant shared by every portal instance: only one of them migrates at a time. */
const MIGRATION_LOCK_ID = 727_211_094;

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies the committed migrations in prisma/migrations that the database does not have yet,
 * each in its own transaction, under a PostgreSQL advisory lock so that several instances
 * starting together migrate exactly once. Progress is recorded in `_prisma_migrations` the way
 * Prisma records it, so `prisma migrate status` agrees with what this runner did.
 */
export async function applyMigrations(databaseUrl: string, log: (line: string) => void = () => {}) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const recorded = new Map(rows.map((r) => [r.migration_name, r]));
    const report: MigrationReport = { applied: [], alreadyApplied: 0 };

    for (const migration of await readMigrations()) {
      const row = recorded.get(migration.name);
      if (row?.finished_at) {
        if (row.checksum !== migration.checksum) {
          log(`warning: migration ${migration.name} was edited after it was applied`);
        }
        report.alreadyApplied++;
        continue;
      }
      if (row) {
        throw new Error(
          `Migration ${migration.name} failed earlier and was not finished. Repair the database, then mark it ` +
            `rolled back (prisma migrate resolve --rolled-back ${migration.name}) before starting again.`,
        );
      }
      await applyOne(client, migration);
      report.applied.push(migration.name);
      log(`applied migration ${migration.name}`);
    }
    return report;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: { name: string; sql: string; checksum: string }) {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** The names of the migration folders shipped, in the order they apply. */
export async function shippedMigrationNames(dir = migrationsDir()): Promise<string[]> {
  const entries = await readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function readMigrations() {
  const names = await shippedMigrationNames();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/* turbopackIgnore: true */ path.join(migrationsDir(), name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}
