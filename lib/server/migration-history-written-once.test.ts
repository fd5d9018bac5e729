import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The migration that makes the history's indexes partial relies on finishedAt telling finished
 * attempts from those in flight. Applied to a database holding rows as earlier versions could have
 * left them, it must keep every row, set finishedAt where a finished row lacked it, clear it where
 * a row in flight had one, and from then on refuse a row that breaks the rule.
 */
const MIGRATION = "20261203073000_history_written_once";
const migrationsDir = path.join(import.meta.dirname, "..", "..", "prisma", "migrations");
const name = `migration_${randomUUID().replace(/-/g, "")}`;
let admin: pg.Client;
let client: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.end();
});

const migrationSql = (folder: string) => readFile(path.join(migrationsDir, folder, "migration.sql"), "utf8");

describe(`migration ${MIGRATION}`, () => {
  it("keeps every attempt, fills in finishedAt where it was missing, and then holds finishedAt to the status", async () => {
    const folders = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const at = folders.indexOf(MIGRATION);
    expect(at).toBeGreaterThan(0);
    for (const folder of folders.slice(0, at)) await client.query(await migrationSql(folder));

    await client.query(`INSERT INTO "Message" ("id", "integrationName", "mode", "body") VALUES ('msg_old', 'Old', 'default', '{}')`);
    const rows: [string, string, string | null, string | null][] = [
      // [id, status, sentAt, finishedAt]
      ["00000000-0000-7000-8000-000000000001", "succeeded", "2026-01-01T10:00:01Z", "2026-01-01T10:00:02Z"],
      ["00000000-0000-7000-8000-000000000002", "failed", "2026-01-01T10:00:01Z", null],
      ["00000000-0000-7000-8000-000000000003", "skipped", null, null],
      ["00000000-0000-7000-8000-000000000004", "queued", null, null],
      ["00000000-0000-7000-8000-000000000005", "scheduled", null, "2026-01-01T10:00:05Z"],
      ["00000000-0000-7000-8000-000000000006", "pending", "2026-01-01T10:00:01Z", null],
    ];
    for (const [id, status, sentAt, finishedAt] of rows)
      await client.query(
        `INSERT INTO "Attempt" ("id", "messageId", "integrationName", "mode", "kind", "status", "timeoutSeconds", "requestUrl", "requestHeaders", "startedAt", "sentAt", "finishedAt")
         VALUES ($1, 'msg_old', 'Old', 'default', 'initial', $2, 5, 'https://hooks.example/', '{}', '2026-01-01T10:00:00Z', $3, $4)`,
        [id, status, sentAt, finishedAt],
      );

    await client.query(await migrationSql(MIGRATION));

    const after = await client.query<{ id: string; status: string; finishedAt: Date | null }>(
      `SELECT "id"::text, "status", "finishedAt" FROM "Attempt" ORDER BY "id"`,
    );
    expect(after.rows.map((r) => [r.status, r.finishedAt?.toISOString() ?? null])).toEqual([
      ["succeeded", "2026-01-01T10:00:02.000Z"], // kept as it was
      ["failed", "2026-01-01T10:00:01.000Z"], // when the request left
      ["skipped", "2026-01-01T10:00:00.000Z"], // nothing was sent: when it was recorded
      ["queued", null],
      ["scheduled", null], // in flight: cleared
      ["pending", null],
    ]);

    // The rule holds from now on, both ways.
    const insert = (status: string, finishedAt: string | null) =>
      client.query(
        `INSERT INTO "Attempt" ("id", "messageId", "integrationName", "mode", "kind", "status", "timeoutSeconds", "requestUrl", "requestHeaders", "finishedAt")
         VALUES (gen_random_uuid(), 'msg_old', 'Old', 'default', 'initial', $1, 5, 'https://hooks.example/', '{}', $2)`,
        [status, finishedAt],
      );
    await expect(insert("succeeded", null)).rejects.toMatchObject({ code: "23514" });
    await expect(insert("queued", "2026-01-01T10:00:00Z")).rejects.toMatchObject({ code: "23514" });
    await insert("interrupted", "2026-01-01T10:00:00Z");

    // The history's indexes cover finished attempts only; the in-flight ones the rest.
    const indexes = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'Attempt' ORDER BY indexname`,
    );
    const predicate = (def: string) => /WHERE \("finishedAt" IS (NOT )?NULL\)$/.exec(def)?.[0] ?? "none";
    expect(Object.fromEntries(indexes.rows.map((r) => [r.indexname, predicate(r.indexdef)]))).toEqual({
      Attempt_eventId_startedAt_id_idx: 'WHERE ("finishedAt" IS NOT NULL)',
      Attempt_inFlight_integrationId_status_idx: 'WHERE ("finishedAt" IS NULL)',
      Attempt_inFlight_startedAt_id_idx: 'WHERE ("finishedAt" IS NULL)',
      Attempt_integrationId_startedAt_id_kind_status_idx: 'WHERE ("finishedAt" IS NOT NULL)',
      Attempt_integrationId_status_startedAt_id_idx: 'WHERE ("finishedAt" IS NOT NULL)',
      Attempt_kind_startedAt_id_idx: 'WHERE ("finishedAt" IS NOT NULL)',
      Attempt_messageId_startedAt_idx: "none",
      Attempt_mode_startedAt_id_idx: 'WHERE ("finishedAt" IS NOT NULL)',
      Attempt_pkey: "none",
      Attempt_responseBody_idx: 'WHERE ("finishedAt" IS NOT NULL)',
      Attempt_startedAt_id_idx: 'WHERE ("finishedAt" IS NOT NULL)',
      Attempt_status_startedAt_id_idx: 'WHERE ("finishedAt" IS NOT NULL)',
      Attempt_subscriptionId_startedAt_id_idx: 'WHERE ("finishedAt" IS NOT NULL)',
      Attempt_triggeredById_startedAt_id_idx: 'WHERE ("finishedAt" IS NOT NULL)',
    });
  });
});
