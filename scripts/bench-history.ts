/**
 * npm run bench:history — does the execution history stay as fast at 1,000,000 attempts as at 1,000?
 *
 * Starts its own PostgreSQL in a temporary folder and the portal (scripts/start.ts) on it, fills
 * 1,000 attempts (INSERT … SELECT FROM generate_series: 20 integrations, a realistic mix of
 * statuses, kinds and modes over 90 days, timestamps on 10-second steps so that many are equal),
 * measures, adds 999,000 more and measures again. For each size, over HTTP: the API
 * (GET /api/v1/executions with an admin API token) and the rendered page (GET /executions with a
 * session cookie), for the first page (50 rows), a page filtered by integration and status, and
 * the 50th page reached by following cursors (20 rows a page for these two, so that 1,000 rows
 * fill them too and both sizes render the same amount).
 * Two more cases search the bodies (`q`, last 30 days): a word in one attempt's request body and
 * one in 11 % of the response bodies.
 * Then, workspaces: 1,000 more workspaces (BENCH_WORKSPACES) of 50 integrations and 1,000 attempts
 * each are added beside the large one, and the same cases are measured for one of them (its lists,
 * counts and chart, through its own token and its /w/{slug} pages) and again for the large one: each
 * against the same workspace alone (target ratio ≤ 1.2).
 * Prints p50/p95 per case and size, the 1M/1K ratio (target ≤ 1.3), and the EXPLAIN ANALYZE
 * plan of each query at 1M — for the body search and the chart counts also without the index
 * that serves them (dropped inside a transaction that is rolled back), side by side.
 */
import pg from "pg";
import { DEFAULT_WORKSPACE } from "../lib/workspaces/scope.ts";
import { benchEnvironment, percentile, startPortal, stopPortal } from "./lib/bench.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const WARMUP = 15;
const DEEP_PAGE = 50;
const DEEP_LIMIT = 20;
const INTEGRATIONS = 20;
const PASSWORD = "bench-password-123";
const WORKSPACES = Number(process.env.BENCH_WORKSPACES ?? 1000);
const WORKSPACE_INTEGRATIONS = 50;
const WORKSPACE_ATTEMPTS = 1000;

interface Case {
  name: string;
  query: (ctx: Fixtures) => string;
}
interface Fixtures {
  integrationId: string;
  deepCursor: string;
}

const CASES: Case[] = [
  { name: "first page", query: () => "" },
  // 20 rows a page here too: at 1K, one integration has about 40 succeeded attempts.
  { name: "integration + status", query: (f) => `limit=${DEEP_LIMIT}&integrationId=${f.integrationId}&status=succeeded` },
  { name: `page ${DEEP_PAGE} by cursor`, query: (f) => `limit=${DEEP_LIMIT}&cursor=${f.deepCursor}` },
  { name: "body search, rare word", query: () => `q=${encodeURIComponent(RARE_WORD)}` },
  { name: "body search, common word", query: () => `q=${encodeURIComponent(COMMON_WORD)}` },
];
/** In the request body of attempt 500 only (bodies are {"type":"order.failed","data":{"id":g}}). */
const RARE_WORD = `"id":500}`;
/** In the response body of the failed attempts (11 %). */
const COMMON_WORD = "exploded";

async function main() {
  const { database, port } = await benchEnvironment("bench", (port: number) => ({
    PORTAL_URL: `http://127.0.0.1:${port}`,
    // Nothing may be purged during the run: the data spans 90 days.
    PORTAL_EXECUTION_RETENTION_DAYS: "3650",
  }));
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const { token, integrationIds, email, userId } = await setUp();

  const base = `http://127.0.0.1:${port}`;
  const portal = await startPortal(base);
  try {
    const cookie = await signIn(base, email);
    const results: Record<string, Record<string, { p50: number; p95: number }>> = {};
    const measureAll = async (label: string, who: { token: string; pages: string; integrationId: string }) => {
      const fixtures: Fixtures = { integrationId: who.integrationId, deepCursor: await deepCursor(base, who.token) };
      for (const c of CASES) {
        const q = c.query(fixtures);
        results[`API  ${c.name}`] = {
          ...results[`API  ${c.name}`],
          [label]: await measure(`${base}/api/v1/executions?${q}`, { authorization: `Bearer ${who.token}` }),
        };
        results[`page ${c.name}`] = {
          ...results[`page ${c.name}`],
          [label]: await measure(`${base}${who.pages}/executions?${q}`, { cookie }),
        };
      }
      return fixtures;
    };
    let plans = "";
    const timings: [string, number, number][] = [];
    for (const [label, total] of [
      ["1K", 1_000],
      ["1M", 1_000_000],
    ] as const) {
      const started = performance.now();
      await fill(sql, total, integrationIds);
      console.log(`filled ${total.toLocaleString("en")} attempts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const fixtures = await measureAll(label, { token, pages: "/w/default", integrationId: integrationIds[3] });
      if (label === "1M") plans = await explainAll(sql, fixtures, timings);
    }
    // One small workspace alone (the bench admin's second workspace, 1,000 attempts), then with
    // 1,000 neighbours of its size beside the large one.
    const started = performance.now();
    const small = await addWorkspaces(sql, 1, userId, 0);
    await measureAll("small alone", small);
    await addWorkspaces(sql, WORKSPACES, userId, 1);
    console.log(`added ${WORKSPACES.toLocaleString("en")} workspaces in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await measureAll("small beside", small);
    await measureAll("large beside", { token, pages: "/w/default", integrationId: integrationIds[3] });
    report(results, plans, timings);
  } finally {
    await stopPortal(portal);
    await sql.end();
    const { disconnectDb } = await import("../lib/db.ts");
    await disconnectDb();
    await database.stop();
  }
}

/** An admin with a password (for the session cookie) and an API token, 20 integrations, 5 users. */
async function setUp() {
  const { db } = await import("../lib/db.ts");
  const { hashPassword } = await import("../lib/auth/passwords.ts");
  const { generateApiToken } = await import("../lib/tokens/token-hash.ts");
  const email = "bench-admin@bench.test";
  const admin = await db.user.create({
    data: {
      email,
      name: "Bench admin",
      passwordHash: await hashPassword(PASSWORD),
      isAdmin: true,
      canTriggerIntegrations: true,
      memberships: { create: { workspaceId: DEFAULT_WORKSPACE.id, role: "owner", canTriggerIntegrations: true } },
    },
  });
  await db.user.createMany({
    data: Array.from({ length: 4 }, (_, i) => ({
      email: `reviewer-${i}@bench.test`,
      name: `Reviewer ${i}`,
      passwordHash: "-",
      canTriggerIntegrations: true,
    })),
  });
  const { token, hash, prefix } = generateApiToken();
  await db.apiToken.create({
    data: { userId: admin.id, name: "bench", tokenHash: hash, prefix, scopes: ["read", "events:write", "trigger", "admin"] },
  });
  await db.integration.createMany({
    data: Array.from({ length: INTEGRATIONS }, (_, i) => ({
      name: `Integration ${String(i).padStart(2, "0")}`,
      slug: `integration-${i}`,
      platform: "custom",
      id: crypto.randomUUID(),
    })),
  });
  const integrationIds = (await db.integration.findMany({ orderBy: { name: "asc" }, select: { id: true } })).map((i) => i.id);
  return { token, integrationIds, email, userId: admin.id };
}

/**
 * Adds `count` workspaces (slugs ws-<first>…), each with 50 integrations, 1,000 attempts (with their
 * messages) spread like fill()'s, and the bench admin as an owner. Returns the first one's token,
 * page prefix and an integration, to measure it.
 */
async function addWorkspaces(sql: pg.Client, count: number, userId: string, first: number) {
  const { generateApiToken } = await import("../lib/tokens/token-hash.ts");
  await sql.query(
    `CREATE TEMP TABLE bench_ws AS
     SELECT n, gen_random_uuid() AS id, 'ws-' || n AS slug FROM generate_series($1::int, $2::int) AS n`,
    [first, first + count - 1],
  );
  await sql.query(
    `INSERT INTO "Workspace" (id, name, slug, "planId", "updatedAt")
     SELECT id, 'Workspace ' || n, slug, $1::uuid, now() FROM bench_ws`,
    [DEFAULT_WORKSPACE.planId],
  );
  await sql.query(
    `INSERT INTO "Membership" ("workspaceId", "userId", role, "canTriggerIntegrations") SELECT id, $1::uuid, 'owner', true FROM bench_ws`,
    [userId],
  );
  await sql.query(
    `CREATE TEMP TABLE bench_ws_int AS
     SELECT w.n AS w, w.id AS workspace_id, i AS k, gen_random_uuid() AS id
     FROM bench_ws w, generate_series(0, ${WORKSPACE_INTEGRATIONS - 1}) AS i`,
  );
  await sql.query(
    `INSERT INTO "Integration" (id, "workspaceId", name, slug, platform, "updatedAt")
     SELECT id, workspace_id, 'Integration ' || lpad(k::text, 2, '0'), 'integration-' || k, 'custom', now() FROM bench_ws_int`,
  );
  const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Attempt"`);
  const from = Number(rows[0].n) + 1;
  await sql.query(
    `CREATE TEMP TABLE bench_gen AS
     SELECT g, 'msg_bench_' || lpad(g::text, 8, '0') AS message_id, wi.workspace_id, wi.id AS integration_id,
            abs(hashtext(g || 's')) % 100 AS s, abs(hashtext(g || 'k')) % 100 AS k,
            date_trunc('second', now()) - (abs(hashtext(g || 't')) % (90 * 8640)) * interval '10 seconds' AS started_at
     FROM (SELECT $1::int + x AS g, x FROM generate_series(0, $2::int - 1) AS x) AS gen
     JOIN bench_ws_int wi ON wi.w = $3::int + gen.x / ${WORKSPACE_ATTEMPTS} AND wi.k = abs(hashtext(gen.x || 'i')) % ${WORKSPACE_INTEGRATIONS}`,
    [from, count * WORKSPACE_ATTEMPTS, first],
  );
  const mode = `CASE WHEN k >= 98 THEN 'test' WHEN k % 3 = 0 THEN 'event' ELSE 'default' END`;
  await sql.query(
    `INSERT INTO "Message" (id, "workspaceId", "integrationId", "integrationName", mode, body, "createdAt")
     SELECT message_id, workspace_id, integration_id, 'Integration', ${mode}, '{"type":"order.failed","data":{"id":' || g || '}}', started_at
     FROM bench_gen`,
  );
  await sql.query(
    `INSERT INTO "Attempt" (id, "workspaceId", "messageId", "integrationId", "integrationName", mode, kind, "triggeredById", status,
       "timeoutSeconds", "requestUrl", "requestHeaders", "responseStatus", "responseBody", "errorClass", "durationMs", "startedAt", "finishedAt")
     SELECT gen_random_uuid(), workspace_id, message_id, integration_id, 'Integration', ${mode},
       CASE WHEN k >= 98 THEN 'test' WHEN k >= 90 THEN 'manual_retry' ELSE 'initial' END, $1::uuid,
       CASE WHEN s < 85 THEN 'succeeded' WHEN s < 96 THEN 'failed' ELSE 'interrupted' END,
       10, 'https://hooks.example/', '{}'::jsonb, CASE WHEN s < 85 THEN 200 WHEN s < 96 THEN 500 END,
       CASE WHEN s < 85 THEN '{"ok":true}' WHEN s < 96 THEN '{"error":"upstream exploded"}' END,
       CASE WHEN s >= 96 THEN 'interrupted' WHEN s >= 85 THEN 'http_error' END,
       20 + abs(hashtext(g || 'd')) % 900, started_at, started_at + interval '1 second'
     FROM bench_gen ORDER BY started_at`,
    [userId],
  );
  const measured = (await sql.query<{ id: string; slug: string }>(`SELECT id::text, slug FROM bench_ws WHERE n = $1`, [first])).rows[0];
  const integrationId = (await sql.query<{ id: string }>(`SELECT id::text FROM bench_ws_int WHERE w = $1 AND k = 3`, [first])).rows[0].id;
  const { token, hash, prefix } = generateApiToken();
  await sql.query(
    `INSERT INTO "ApiToken" (id, "workspaceId", "userId", name, "tokenHash", prefix, scopes)
     VALUES (gen_random_uuid(), $1::uuid, $2::uuid, 'bench', $3, $4, ARRAY['read'])`,
    [measured.id, userId, hash, prefix],
  );
  await sql.query(`DROP TABLE bench_ws; DROP TABLE bench_ws_int; DROP TABLE bench_gen`);
  await sql.query(`VACUUM ANALYZE "Message", "Attempt", "Integration", "Workspace", "Membership"`);
  return { token, pages: `/w/${measured.slug}`, integrationId };
}

/**
 * Adds attempts (and one message each) up to `total`, generated inside PostgreSQL. Per row:
 * integration by hash, 85 % succeeded / 11 % failed / 4 % interrupted, 90 % initial / 8 % manual
 * retry / 2 % test, startedAt on a 10-second step within 90 days (so timestamps repeat).
 */
async function fill(sql: pg.Client, total: number, integrationIds: string[]) {
  const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Attempt"`);
  const from = Number(rows[0].n) + 1;
  const users = (await sql.query<{ id: string; email: string }>(`SELECT id::text, email FROM "User" ORDER BY email`)).rows;
  await sql.query(
    `CREATE TEMP TABLE bench_gen AS
     SELECT g, 'msg_bench_' || lpad(g::text, 8, '0') AS message_id,
            ($3::uuid[])[1 + abs(hashtext(g || 'i')) % cardinality($3::uuid[])] AS integration_id,
            abs(hashtext(g || 's')) % 100 AS s, abs(hashtext(g || 'k')) % 100 AS k, 1 + abs(hashtext(g || 'u')) % $4 AS u,
            date_trunc('second', now()) - (abs(hashtext(g || 't')) % (90 * 8640)) * interval '10 seconds' AS started_at
     FROM generate_series($1::int, $2::int) AS g`,
    [from, total, integrationIds, users.length],
  );
  const mode = `CASE WHEN k >= 98 THEN 'test' WHEN k % 3 = 0 THEN 'event' ELSE 'default' END`;
  const body = `'{"type":"order.failed","data":{"id":' || g || '}}'`;
  await sql.query(
    `INSERT INTO "Message" (id, "integrationId", "integrationName", mode, body, "createdAt")
     SELECT message_id, integration_id, 'Integration', ${mode}, ${body}, started_at FROM bench_gen`,
  );
  await sql.query(
    `INSERT INTO "Attempt" (id, "messageId", "integrationId", "integrationName", mode, kind, "triggeredById", "triggeredByEmail", status,
       "timeoutSeconds", "requestUrl", "requestHeaders", "responseStatus", "responseHeaders", "responseBody", "responseBodyBytes",
       "errorClass", "errorMessage", "durationMs", "startedAt", "finishedAt")
     SELECT gen_random_uuid(), message_id, integration_id, i.name, ${mode},
       CASE WHEN k >= 98 THEN 'test' WHEN k >= 90 THEN 'manual_retry' ELSE 'initial' END,
       ($1::uuid[])[u], ($2::text[])[u],
       CASE WHEN s < 85 THEN 'succeeded' WHEN s < 96 THEN 'failed' ELSE 'interrupted' END,
       10, 'https://hooks.example/' || g % 20, jsonb_build_object('webhook-id', message_id, 'authorization', 'Bearer ••••abcd'),
       CASE WHEN s < 85 THEN 200 WHEN s < 96 THEN 500 END,
       CASE WHEN s < 96 THEN '{"content-type":"application/json"}'::jsonb END,
       CASE WHEN s < 85 THEN '{"ok":true}' WHEN s < 96 THEN '{"error":"upstream exploded"}' END,
       CASE WHEN s < 85 THEN 11 WHEN s < 96 THEN 29 END,
       CASE WHEN s >= 96 THEN 'interrupted' WHEN s >= 85 THEN 'http_error' END,
       CASE WHEN s >= 96 THEN 'The portal stopped before this delivery finished.' WHEN s >= 85 THEN 'The receiver answered HTTP 500.' END,
       20 + abs(hashtext(g || 'd')) % 900, started_at, started_at + interval '1 second'
     FROM bench_gen JOIN "Integration" i ON i.id = integration_id
     ORDER BY started_at`, // rows reach the table in time order, as they do in use
    [users.map((u) => u.id), users.map((u) => u.email)],
  );
  await sql.query(`DROP TABLE bench_gen`);
  await sql.query(`VACUUM ANALYZE "Message", "Attempt"`);
}

/** The cursor of the 50th page, found by following nextCursor from the first page through the API. */
async function deepCursor(base: string, token: string): Promise<string> {
  let cursor = "";
  for (let page = 1; page < DEEP_PAGE; page++) {
    const res = await fetch(`${base}/api/v1/executions?limit=${DEEP_LIMIT}${cursor && `&cursor=${cursor}`}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { nextCursor: string | null };
    if (!body.nextCursor) throw new Error(`no page ${page + 1}`);
    cursor = body.nextCursor;
  }
  return cursor;
}

/** p50 and p95 of RUNS sequential GETs after a warm-up; every answer must be a 200. */
async function measure(url: string, headers: Record<string, string>) {
  const once = async () => {
    const t = performance.now();
    const res = await fetch(url, { headers, redirect: "manual" });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    return performance.now() - t;
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await once());
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/**
 * The plans of the list's queries as Prisma sends them, one per side (finished, in flight: same WHERE, ORDER BY and LIMIT; the
 * cursor condition repeats its timestamp as an upper bound), and of the success-rate query; then
 * the body searches and the delivery chart with and without their indexes.
 */
async function explainAll(sql: pg.Client, f: Fixtures, timings: [string, number, number][]) {
  const [at, id] = JSON.parse(Buffer.from(f.deepCursor, "base64url").toString("utf8")) as [string, string];
  // The history's indexes hold finished attempts only ("finishedAt" IS NOT NULL), small ones those
  // in flight: a list is a query per side, merged (lib/executions/where.ts).
  const done = `"finishedAt" IS NOT NULL`;
  const live = `"finishedAt" IS NULL`;
  const queries: [string, string, unknown[]][] = [
    ["first page, finished", `SELECT * FROM "Attempt" WHERE ${done} ORDER BY "startedAt" DESC, id DESC LIMIT 51`, []],
    ["first page, in flight", `SELECT * FROM "Attempt" WHERE ${live} ORDER BY "startedAt" DESC, id DESC LIMIT 51`, []],
    [
      "integration + status (succeeded: finished only)",
      `SELECT * FROM "Attempt" WHERE "integrationId" = $1 AND status = 'succeeded' AND ${done} ORDER BY "startedAt" DESC, id DESC LIMIT ${DEEP_LIMIT + 1}`,
      [f.integrationId],
    ],
    [
      `page ${DEEP_PAGE} by cursor, finished`,
      `SELECT * FROM "Attempt" WHERE "startedAt" <= $1 AND ("startedAt" < $1 OR ("startedAt" = $1 AND id < $2)) AND ${done} ORDER BY "startedAt" DESC, id DESC LIMIT ${DEEP_LIMIT + 1}`,
      [at, id],
    ],
    [
      `page ${DEEP_PAGE} by cursor, in flight`,
      `SELECT * FROM "Attempt" WHERE "startedAt" <= $1 AND ("startedAt" < $1 OR ("startedAt" = $1 AND id < $2)) AND ${live} ORDER BY "startedAt" DESC, id DESC LIMIT ${DEEP_LIMIT + 1}`,
      [at, id],
    ],
    [
      "success rate, 7 days",
      `SELECT count(*) FILTER (WHERE status = 'succeeded' AND "startedAt" >= now() - interval '1 day'), count(*) FILTER (WHERE "startedAt" >= now() - interval '1 day'),
         count(*) FILTER (WHERE status = 'succeeded'), count(*)
       FROM "Attempt" WHERE "integrationId" = $1 AND "startedAt" >= now() - interval '7 days' AND "startedAt" <= now()
         AND kind IN ('initial', 'automatic', 'manual_retry') AND status IN ('succeeded', 'failed', 'interrupted') AND ${done}`,
      [f.integrationId],
    ],
  ];
  const since = new Date(Date.now() - 30 * 86_400_000);
  // As lib/executions/where.ts asks for it: request bodies are stored once, on the message, and
  // searched on both sides; response bodies on finished attempts only. Timed together: the three
  // queries of one search, one after another.
  const search = (word: string) =>
    [
      `WITH q AS MATERIALIZED (SELECT id FROM "Message" WHERE body ILIKE $2)
       (SELECT * FROM "Attempt" WHERE "startedAt" >= $1 AND ${done} AND "messageId" IN (SELECT id FROM q) ORDER BY "startedAt" DESC, id DESC LIMIT 51)
       UNION ALL
       (SELECT * FROM "Attempt" WHERE "startedAt" >= $1 AND ${live} AND "messageId" IN (SELECT id FROM q) ORDER BY "startedAt" DESC, id DESC LIMIT 51)
       UNION ALL
       (SELECT * FROM "Attempt" WHERE "startedAt" >= $1 AND ${done} AND "responseBody" ILIKE $2 AND "messageId" NOT IN (SELECT id FROM q) ORDER BY "startedAt" DESC, id DESC LIMIT 51)`,
      [since, `%${word}%`],
    ] as const;
  // What the delivery chart (lib/executions/delivery-history.ts) sends for 30 days.
  const chart = [
    `SELECT date_bin('24 hours'::interval, "startedAt", $2) AS bucket, count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status IN ('failed', 'interrupted'))
     FROM "Attempt" WHERE "integrationId" = $1 AND "startedAt" >= $2 AND "startedAt" < now() AND kind <> 'test' AND ${done} GROUP BY 1`,
    [f.integrationId, since],
  ] as const;
  // [name, query, params, index to drop for the "without" plan]
  const compared: [string, string, readonly unknown[], string[]][] = [
    ["body search, rare word", ...search(RARE_WORD), ["Message_body_idx", "Attempt_responseBody_idx"]],
    ["body search, common word", ...search(COMMON_WORD), ["Message_body_idx", "Attempt_responseBody_idx"]],
    ["delivery chart, 30 days", ...chart, ["Attempt_integrationId_startedAt_id_kind_status_idx"]],
  ];
  const explain = async (query: string, params: readonly unknown[]) =>
    (await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${query}`, params as unknown[])).rows
      .map((r) => r["QUERY PLAN"])
      .join("\n");
  let out = "";
  for (const [name, query, params] of queries) out += `\n-- ${name}\n${await explain(query, params)}\n`;
  for (const [name, query, params, indexes] of compared) {
    const withIndex = await explain(query, params);
    await sql.query("BEGIN");
    try {
      for (const index of indexes) await sql.query(`DROP INDEX "${index}"`);
      if (indexes[0].startsWith("Attempt_integrationId"))
        await sql.query(`CREATE INDEX bench_without_covering ON "Attempt" ("integrationId", "startedAt" DESC, id DESC) WHERE ${done}`);
      const without = await explain(query, params);
      out += `\n-- ${name}, with ${indexes.join(" + ")}\n${withIndex}\n-- ${name}, without it\n${without}\n`;
      timings.push([name, executionTime(withIndex), executionTime(without)]);
    } finally {
      await sql.query("ROLLBACK");
    }
  }
  return out;
}

const executionTime = (plan: string) => Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN);

function report(results: Record<string, Record<string, { p50: number; p95: number }>>, plans: string, timings: [string, number, number][]) {
  const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  console.log(`\nbench:history — ${RUNS} sequential requests per case after ${WARMUP} warm-up\n`);
  console.log(
    `${"case".padEnd(30)} ${"1K p50".padStart(9)} ${"1K p95".padStart(9)} ${"1M p50".padStart(9)} ${"1M p95".padStart(9)}  ratio p50  ratio p95`,
  );
  let worst = 0;
  for (const [name, r] of Object.entries(results)) {
    const [small, large] = [r["1K"], r["1M"]];
    if (!small || !large) continue;
    const [p50, p95] = [large.p50 / small.p50, large.p95 / small.p95];
    worst = Math.max(worst, p50);
    console.log(
      `${name.padEnd(30)} ${ms(small.p50)} ${ms(small.p95)} ${ms(large.p50)} ${ms(large.p95)}  ${p50.toFixed(2).padStart(9)}  ${p95.toFixed(2).padStart(9)}`,
    );
  }
  console.log(`\ntarget: every 1M/1K p50 ratio ≤ 1.3 → ${worst <= 1.3 ? "met" : "NOT met"} (worst ${worst.toFixed(2)})`);
  console.log(
    `\nWorkspaces: each beside ${WORKSPACES.toLocaleString("en")} others (${WORKSPACE_INTEGRATIONS} integrations, ${WORKSPACE_ATTEMPTS.toLocaleString("en")} attempts each) vs alone\n`,
  );
  console.log(
    `${"case".padEnd(30)} ${"small alone".padStart(12)} ${"beside".padStart(9)} ${"ratio".padStart(6)} ${"large alone".padStart(12)} ${"beside".padStart(9)} ${"ratio".padStart(6)}`,
  );
  let worstBeside = 0;
  for (const [name, r] of Object.entries(results)) {
    const [a, b, c, d] = [r["small alone"], r["small beside"], r["1M"], r["large beside"]];
    if (!a || !b || !d) continue;
    const [small, large] = [b.p50 / a.p50, d.p50 / c.p50];
    worstBeside = Math.max(worstBeside, small, large);
    console.log(
      `${name.padEnd(30)} ${ms(a.p50).padStart(12)} ${ms(b.p50)} ${small.toFixed(2).padStart(6)} ${ms(c.p50).padStart(12)} ${ms(d.p50)} ${large.toFixed(2).padStart(6)}`,
    );
  }
  console.log(
    `\ntarget: a workspace beside the others as fast as alone, p50 ratio ≤ 1.2 → ${worstBeside <= 1.2 ? "met" : "NOT met"} (worst ${worstBeside.toFixed(2)})`,
  );
  console.log(`\nAt 1,000,000 attempts, the query alone (EXPLAIN ANALYZE execution time), with and without its index:`);
  console.log(`${"query".padEnd(30)} ${"with".padStart(11)} ${"without".padStart(11)}`);
  for (const [name, withIndex, without] of timings)
    console.log(`${name.padEnd(30)} ${ms(withIndex).padStart(11)} ${ms(without).padStart(11)}`);
  console.log(`\nEXPLAIN ANALYZE at 1,000,000 attempts:${plans}`);
}

/** A session cookie for the admin, through next-auth's credentials sign-in. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = cookiesOf(res);
  if (!session.includes("session-token")) throw new Error(`sign-in failed: ${res.status}`);
  return `${jar}; ${session}`;
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
