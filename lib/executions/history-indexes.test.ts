import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { newMessageId } from "@/lib/webhooks/signing";
import { DEFAULT_WORKSPACE_ID } from "@/lib/workspaces/scope";
import type { ExecutionFilters } from "./schemas";
import { attemptWheres, newestFirst } from "./where";

/**
 * The history's indexes are partial (finished attempts only), the in-flight ones too (the rest):
 * a query that does not say which side it reads can use neither and scans the table. These tests
 * send the list's and the count's queries through Prisma, as the verbs do, record the SQL Prisma
 * generates, and explain it with sequential scans ruled out: a plan that still scans the table
 * means no index fits it.
 */
let pool: pg.Pool;
const loggingClient = (p: pg.Pool) => new PrismaClient({ adapter: new PrismaPg(p), log: [{ emit: "event", level: "query" }] as const });
let client: ReturnType<typeof loggingClient>;
const sent: { query: string; params: unknown[] }[] = [];

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  client = loggingClient(pool);
  client.$on("query", (e) => sent.push({ query: e.query, params: JSON.parse(e.params) as unknown[] }));
});
afterAll(async () => {
  await client.$disconnect();
  await pool.end();
});

const integrationId = randomUUID();

/** Three finished attempts and two in flight for one integration. */
async function seed() {
  const rows = [
    { status: "succeeded", finishedAt: new Date() },
    { status: "failed", finishedAt: new Date() },
    { status: "succeeded", finishedAt: new Date() },
    { status: "queued", finishedAt: null },
    { status: "scheduled", finishedAt: null },
  ].map((r) => ({ ...r, messageId: newMessageId() }));
  await db.message.createMany({
    data: rows.map((r) => ({ id: r.messageId, integrationId, integrationName: "Indexed", mode: "default", body: "{}" })),
  });
  await db.attempt.createMany({
    data: rows.map((r) => ({
      messageId: r.messageId,
      integrationId,
      integrationName: "Indexed",
      mode: "default",
      kind: "automatic",
      status: r.status,
      finishedAt: r.finishedAt,
      timeoutSeconds: 5,
      requestUrl: "https://hooks.example/",
      requestHeaders: {},
    })),
  });
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Attempt"`);
}

/** The plans of the queries over "Attempt" that `run` sends, with sequential scans ruled out. */
async function plansOf(run: (c: typeof client) => Promise<unknown>): Promise<string[]> {
  sent.length = 0;
  await run(client);
  const queries = sent.filter((q) => /^\s*SELECT/i.test(q.query) && q.query.includes(`"Attempt"`));
  const plans: string[] = [];
  for (const q of queries) {
    plans.push(
      await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (COSTS OFF) ${q.query}`, ...q.params);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      }),
    );
  }
  return plans;
}

/** The list's `where`s as a verb sends them: narrowed to its workspace by the database client (lib/db.ts). */
const scoped = (f: ExecutionFilters) => attemptWheres(f, null).map((where) => ({ ...where, workspaceId: DEFAULT_WORKSPACE_ID }));
const list = (f: ExecutionFilters) => (c: typeof client) =>
  Promise.all(scoped(f).map((where) => c.attempt.findMany({ where, orderBy: newestFirst, take: 51 })));
const count = (f: ExecutionFilters) => (c: typeof client) =>
  Promise.all(scoped(f).map((where) => c.attempt.count({ where, orderBy: newestFirst, take: 10_001 })));
const indexesOf = (plans: string[]) => plans.map((p) => [...p.matchAll(/(?:using|Bitmap Index Scan on) "(\w+)"/g)].map((m) => m[1])).sort();
/** The history's partial indexes (finished attempts) and the in-flight ones (the rest), as the migration made them. */
const HISTORY =
  /^Attempt_(workspaceId_startedAt_id|integrationId_startedAt_id_kind_status|integrationId_status_startedAt_id|workspaceId_status_startedAt_id|workspaceId_mode_startedAt_id|workspaceId_kind_startedAt_id|workspaceId_triggeredById_startedAt_id|eventId_startedAt_id|subscriptionId_startedAt_id)_idx$/;
const IN_FLIGHT = /^Attempt_inFlight_/;
/** Which side each plan reads: "finished" or "in flight" when all its indexes are of that side. */
const sidesOf = (plans: string[]) =>
  indexesOf(plans)
    .map((used) =>
      used.length > 0 && used.every((n) => HISTORY.test(n))
        ? "finished"
        : used.length > 0 && used.every((n) => IN_FLIGHT.test(n))
          ? "in flight"
          : used.join("+") || "no index",
    )
    .sort();

describe("the executions list and its count", () => {
  beforeAll(seed);

  it("read finished attempts by the history's partial indexes and the others by the in-flight ones", async () => {
    const plans = await plansOf(list({}));
    expect(plans).toHaveLength(2);
    for (const plan of plans) expect(plan).not.toMatch(/Seq Scan on "Attempt"/);
    expect(sidesOf(plans)).toEqual(["finished", "in flight"]);
    expect(sidesOf(await plansOf(list({ integrationId })))).toEqual(["finished", "in flight"]);
    expect(sidesOf(await plansOf(list({ integrationId, kind: "automatic", mode: "default" })))).toEqual(["finished", "in flight"]);
  });

  it("ask only the side a status belongs to", async () => {
    expect(sidesOf(await plansOf(list({ integrationId, status: "succeeded" })))).toEqual(["finished"]);
    expect(sidesOf(await plansOf(list({ integrationId, status: "queued" })))).toEqual(["in flight"]);
    expect(await Promise.all(attemptWheres({ integrationId, status: "queued" }, null).map((where) => db.attempt.count({ where })))).toEqual(
      [1],
    );
  });

  it("count each side by its indexes, and the two sides make the whole", async () => {
    const plans = await plansOf(count({ integrationId }));
    expect(plans).toHaveLength(2);
    for (const plan of plans) expect(plan).not.toMatch(/Seq Scan on "Attempt"/);
    expect(sidesOf(plans)).toEqual(["finished", "in flight"]);
    expect(await count({ integrationId })(client)).toEqual([3, 2]);
  });
});
