// The embedded PostgreSQL's supervisor, against a real server: killed, it comes back by itself;
// and while a database is unreachable, the API's error mapping answers 503 database_unavailable.
import { PrismaPg } from "@prisma/adapter-pg";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { errorResponse } from "@/lib/api/route";
import { isDatabaseUnavailable, toErrorBody } from "@/lib/errors";
import { waitFor } from "@/lib/testing/worker-process";
import { embeddedPostgresState } from "./embedded-postgres-state";
import { startScratchPostgres, type ScratchPostgres } from "./scratch-postgres";

let scratch: ScratchPostgres;

beforeAll(async () => {
  scratch = await startScratchPostgres("supervised");
}, 60_000);
afterAll(() => scratch?.stop());

const query = async (url: string) => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return (await client.query("SELECT 1 AS one")).rows[0].one as number;
  } finally {
    await client.end().catch(() => {});
  }
};

const postmasterPid = () => Number(readFileSync(path.join(scratch.dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);

describe("the embedded PostgreSQL's supervisor", () => {
  it("starts the server again after a kill -9, and reports it meanwhile", async () => {
    expect(await query(scratch.url)).toBe(1);
    expect(embeddedPostgresState()).toMatchObject({ state: "running", restarts: 0 });
    const pid = postmasterPid();
    process.kill(pid, "SIGKILL");
    await waitFor(() => embeddedPostgresState()?.state === "restarting", 5000, "the restarting state");
    expect(embeddedPostgresState()).toMatchObject({
      state: "restarting",
      stoppedAt: expect.any(String),
      nextAttemptAt: expect.any(String),
    });
    await waitFor(() => embeddedPostgresState()?.state === "running", 30_000, "the server to run again");
    expect(embeddedPostgresState()).toMatchObject({ state: "running", restarts: 1 });
    expect(postmasterPid()).not.toBe(pid);
    expect(await query(scratch.url)).toBe(1);
  }, 60_000);
});

describe("while the database cannot be reached", () => {
  it("recognises the errors of Prisma, pg and PostgreSQL itself as the database being unavailable", async () => {
    const port = new URL(scratch.url).port;
    const closed = scratch.url.replace(`:${port}/`, ":1/");
    const pool = new pg.Pool({ connectionString: closed });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const errors: unknown[] = [];
    errors.push(await prisma.$queryRaw`SELECT 1`.catch((e: unknown) => e));
    errors.push(await pool.query("SELECT 1").catch((e: unknown) => e));
    // A session the server ends (as on shutdown): SQLSTATE 57P01.
    const victim = new pg.Client({ connectionString: scratch.url });
    await victim.connect();
    victim.on("error", () => {});
    const { rows } = await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const running = victim.query("SELECT pg_sleep(10)").catch((e: unknown) => e);
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
    await admin.end();
    const terminated = await running;
    expect(terminated).toMatchObject({ code: "57P01" });
    errors.push(terminated);
    // The same client afterwards.
    errors.push(await victim.query("SELECT 1").catch((e: unknown) => e));
    await victim.end().catch(() => {});
    await prisma.$disconnect();
    await pool.end();

    for (const error of errors) {
      expect(error, String(error)).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
      const response = errorResponse(error);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.json()).toEqual({
        error: { code: "database_unavailable", message: expect.stringContaining("database cannot be reached") },
      });
    }
  }, 30_000);

  it("still answers 500 for an error of the query itself", async () => {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const error = await client.query("SELECT * FROM no_such_table").catch((e: unknown) => e);
    await client.end();
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toErrorBody(error).status).toBe(500);
  });
});
