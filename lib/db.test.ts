import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, sql } from "./db";

describe("sql (named prepared statements)", () => {
  beforeAll(async () => {
    await db.$executeRawUnsafe(`DROP TABLE IF EXISTS prepared_probe`);
    await db.$executeRawUnsafe(`CREATE TABLE prepared_probe (id int PRIMARY KEY)`);
    await db.$executeRawUnsafe(`INSERT INTO prepared_probe VALUES (1)`);
  });
  afterAll(() => db.$executeRawUnsafe(`DROP TABLE IF EXISTS prepared_probe`));

  it("keeps working when a migration changes a table under statements prepared before it", async () => {
    // One call site is one statement; calls at once prepare it on several pooled connections.
    const read = () => sql<Record<string, unknown>>`SELECT * FROM prepared_probe WHERE id = ${1}`;
    const before = await Promise.all(Array.from({ length: 12 }, read));
    expect(before.map((rows) => rows[0])).toEqual(Array(12).fill({ id: 1 }));

    await db.$executeRawUnsafe(`ALTER TABLE prepared_probe ADD COLUMN extra int DEFAULT 7`);
    const after = await Promise.all(Array.from({ length: 12 }, read));
    expect(after.map((rows) => rows[0])).toEqual(Array(12).fill({ id: 1, extra: 7 }));
  });
});
