import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WORKSPACE_ID } from "@/lib/workspaces/scope";

/**
 * Upgrading an install made before workspaces: everything it holds moves into the default
 * workspace, and every user becomes a member of it with the rights they had — an admin an owner,
 * anyone else a member, the trigger permission kept. Nothing is lost on the way.
 */
const MIGRATION = "20261203101109_workspaces";
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
  it("moves everything into the default workspace and makes every user a member with the rights they had", async () => {
    const folders = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const at = folders.indexOf(MIGRATION);
    expect(at).toBeGreaterThan(0);
    for (const folder of folders.slice(0, at)) await client.query(await migrationSql(folder));

    // An install as it was: an admin, a person who may trigger, a reader; their data.
    const users = [
      ["00000000-0000-7000-8000-0000000000a1", "admin@old.test", true, true],
      ["00000000-0000-7000-8000-0000000000a2", "ops@old.test", false, true],
      ["00000000-0000-7000-8000-0000000000a3", "reader@old.test", false, false],
    ] as const;
    for (const [id, email, isAdmin, canTrigger] of users)
      await client.query(
        `INSERT INTO "User" ("id", "email", "name", "isAdmin", "canTriggerIntegrations", "updatedAt") VALUES ($1, $2, $2, $3, $4, now())`,
        [id, email, isAdmin, canTrigger],
      );
    await client.query(
      `INSERT INTO "PortalSettings" ("id", "unknownEventTypes", "publicCatalog", "updatedAt") VALUES (1, 'refuse', true, now())`,
    );
    await client.query(
      `INSERT INTO "Integration" ("id", "name", "slug", "platform", "updatedAt") VALUES ('00000000-0000-7000-8000-000000000101', 'Old', 'old', 'n8n', now())`,
    );
    await client.query(
      `INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash", "prefix", "scopes") VALUES ('00000000-0000-7000-8000-000000000201', $1, 't', 'h', 'p', '{read}')`,
      [users[0][0]],
    );
    await client.query(
      `INSERT INTO "Event" ("id", "type", "title", "severity", "source", "occurredAt") VALUES ('00000000-0000-7000-8000-000000000301', 'order.paid', 'Paid', 'info', 'shop', now())`,
    );
    await client.query(`INSERT INTO "EventType" ("name", "updatedAt", "schemaVersion") VALUES ('order.paid', now(), 1)`);
    await client.query(
      `INSERT INTO "EventTypeSchema" ("typeName", "version", "schema", "compatibility") VALUES ('order.paid', 1, '{"type":"object"}', 'initial')`,
    );
    await client.query(`INSERT INTO "Message" ("id", "integrationName", "mode", "body") VALUES ('msg_old', 'Old', 'default', '{}')`);
    await client.query(
      `INSERT INTO "Attempt" ("id", "messageId", "integrationName", "mode", "kind", "status", "timeoutSeconds", "requestUrl", "requestHeaders", "finishedAt")
       VALUES ('00000000-0000-7000-8000-000000000401', 'msg_old', 'Old', 'default', 'initial', 'succeeded', 5, 'https://hooks.example/', '{}', now())`,
    );
    await client.query(`INSERT INTO "IdempotencyKey" ("userId", "key", "messageId") VALUES ($1, 'k', 'msg_old')`, [users[1][0]]);
    await client.query(`INSERT INTO "AuditLog" ("id", "action") VALUES ('00000000-0000-7000-8000-000000000501', 'integration.created')`);

    await client.query(await migrationSql(MIGRATION));

    const workspace = await client.query(
      `SELECT w."id", w."slug", w."unknownEventTypes", w."publicCatalog", p."key" FROM "Workspace" w JOIN "Plan" p ON p."id" = w."planId"`,
    );
    expect(workspace.rows).toEqual([
      { id: DEFAULT_WORKSPACE_ID, slug: "default", unknownEventTypes: "refuse", publicCatalog: true, key: "default" },
    ]);
    const members = await client.query(`SELECT "userId"::text, "role", "canTriggerIntegrations" FROM "Membership" ORDER BY "userId"`);
    expect(members.rows).toEqual([
      { userId: users[0][0], role: "owner", canTriggerIntegrations: true },
      { userId: users[1][0], role: "member", canTriggerIntegrations: true },
      { userId: users[2][0], role: "member", canTriggerIntegrations: false },
    ]);
    // Instance admins are the admins of before.
    expect((await client.query(`SELECT "email" FROM "User" WHERE "isAdmin"`)).rows).toEqual([{ email: "admin@old.test" }]);
    for (const table of [
      "Integration",
      "ApiToken",
      "Event",
      "EventType",
      "EventTypeSchema",
      "Message",
      "Attempt",
      "IdempotencyKey",
      "AuditLog",
    ]) {
      const counts = await client.query<{ all: number; moved: number }>(
        `SELECT count(*)::int AS "all", count(*) FILTER (WHERE "workspaceId" = $1)::int AS "moved" FROM "${table}"`,
        [DEFAULT_WORKSPACE_ID],
      );
      expect(counts.rows[0], table).toEqual({ all: 1, moved: 1 });
    }
    // The built-in plans exist; a new row without a workspace lands in the default one.
    expect((await client.query(`SELECT "key" FROM "Plan" ORDER BY "key"`)).rows.map((r) => r.key)).toEqual([
      "default",
      "enterprise",
      "free",
      "pro",
      "starter",
    ]);
    // Two workspaces may now use the same slug for an integration, and the same event type name.
    await client.query(
      `INSERT INTO "Workspace" ("id", "name", "slug", "planId", "updatedAt") SELECT '00000000-0000-7000-8000-000000000601', 'Other', 'other', "id", now() FROM "Plan" WHERE "key" = 'free'`,
    );
    await client.query(
      `INSERT INTO "Integration" ("id", "workspaceId", "name", "slug", "platform", "updatedAt") VALUES ('00000000-0000-7000-8000-000000000102', '00000000-0000-7000-8000-000000000601', 'Old', 'old', 'n8n', now())`,
    );
    await client.query(
      `INSERT INTO "EventType" ("workspaceId", "name", "updatedAt") VALUES ('00000000-0000-7000-8000-000000000601', 'order.paid', now())`,
    );
    await expect(
      client.query(`INSERT INTO "Integration" ("id", "name", "slug", "platform", "updatedAt") VALUES ($1, 'Again', 'old', 'n8n', now())`, [
        randomUUID(),
      ]),
    ).rejects.toThrow(/Integration_workspaceId_slug_key/);
  });
});
