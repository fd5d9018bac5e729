/**
 * Creates a migration from the changes made to prisma/schema.prisma:
 *   npm run db:migration -- add_some_column
 *
 * Each migration folder keeps a copy of the schema it leads to (schema.prisma). The new SQL is
 * the diff from the latest copy to the current schema, computed by `prisma migrate diff` (which
 * needs a reachable database through the driver adapter: a scratch embedded PostgreSQL). The
 * whole history is then applied to that scratch database to prove it runs.
 */
import { spawnSync } from "node:child_process";
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { startScratchPostgres } from "../lib/server/scratch-postgres.ts";
import { applyMigrations } from "../lib/server/migrate.ts";

const root = path.join(import.meta.dirname, "..");
const migrationsDir = path.join(root, "prisma", "migrations");

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:migration -- <name_in_snake_case>");
    process.exit(1);
  }
  const previous = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .at(-1);
  const database = await startScratchPostgres("migration");
  try {
    const from = previous ? ["--from-schema-datamodel", path.join(migrationsDir, previous, "schema.prisma")] : ["--from-empty"];
    const diff = spawnSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: database.url, CHECKPOINT_DISABLE: "1" },
    });
    if (diff.status !== 0) throw new Error(diff.stderr);
    const sql = diff.stdout.trim();
    if (!sql || sql === "-- This is an empty migration.") {
      console.log("The schema has not changed since the last migration: nothing to create.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const folder = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(folder);
    await writeFile(path.join(folder, "migration.sql"), sql + "\n");
    await copyFile(path.join(root, "prisma", "schema.prisma"), path.join(folder, "schema.prisma"));
    const report = await applyMigrations(database.url);
    console.log(
      `Created ${path.relative(root, folder)}/migration.sql; the ${report.applied.length} migrations apply cleanly. Review the SQL, then commit the folder.`,
    );
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
