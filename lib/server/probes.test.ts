import { afterEach, describe, expect, it } from "vitest";
import { sql } from "@/lib/db";
import { setWorkerState } from "@/lib/jobs/worker-state";
import { setEmbeddedPostgresState } from "./embedded-postgres-state";
import { livenessResponse, readinessResponse } from "./probes";

afterEach(() => {
  setWorkerState(null);
  setEmbeddedPostgresState(null);
});

describe("GET /api/health", () => {
  it("answers 200 JSON without touching anything", async () => {
    const response = livenessResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ status: "ok" });
  });
});

describe("GET /api/ready", () => {
  it("is ready with the database migrated and the worker running", async () => {
    setWorkerState({ startedAt: new Date(), concurrency: 4, inFlight: 0 });
    const response = await readinessResponse();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ready",
      checks: { database: { ok: true }, migrations: { ok: true, pending: [] }, worker: { ok: true, state: "running", concurrency: 4 } },
    });
    expect(body.checks.migrations.applied).toBe(body.checks.migrations.shipped);
    expect(JSON.stringify(body)).not.toContain(process.env.DATABASE_URL!);
  });

  it("is not ready while PORTAL_WORKER is on and no worker runs in the process", async () => {
    const response = await readinessResponse();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: "not_ready",
      checks: { worker: { ok: false, state: "stopped" } },
      error: { code: "not_ready" },
    });
  });

  it("is not ready while a shipped migration is not applied", async () => {
    setWorkerState({ startedAt: new Date(), concurrency: 1, inFlight: 0 });
    const [latest] = await sql<{ id: string; name: string }>`
      SELECT "id", "migration_name" AS "name" FROM "_prisma_migrations" ORDER BY "migration_name" DESC LIMIT 1`;
    await sql`UPDATE "_prisma_migrations" SET "rolled_back_at" = now() WHERE "id" = ${latest.id}`;
    try {
      const response = await readinessResponse();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        checks: { database: { ok: true }, migrations: { ok: false, pending: [latest.name] } },
      });
    } finally {
      await sql`UPDATE "_prisma_migrations" SET "rolled_back_at" = NULL WHERE "id" = ${latest.id}`;
    }
  });

  it("shows what the embedded PostgreSQL's supervisor reports", async () => {
    setWorkerState({ startedAt: new Date(), concurrency: 4, inFlight: 0 });
    setEmbeddedPostgresState({ state: "running", restarts: 2, stoppedAt: "2026-12-02T10:00:00.000Z" });
    const body = await (await readinessResponse()).json();
    expect(body.checks.database).toMatchObject({ ok: true, embedded: { state: "running", restarts: 2 } });
  });
});
