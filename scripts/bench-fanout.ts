/**
 * npm run bench:fanout — automatic deliveries: ingest → queue → worker → receiver.
 *
 * 10 integrations subscribed to one event type, a local receiver that answers after 20 ms; each
 * event ingested through the portal's API makes 10 deliveries. For each setup — the portal's own
 * worker, then 1, 2 and 4 worker processes (`npm run worker`) beside a portal that runs none:
 *   - throughput: BENCH_EVENTS events (500) ingested back to back, 4 at a time: deliveries per
 *     second from the first ingest to the last arrival, against the same number of equally signed
 *     POSTs sent directly with undici at the same number in flight; the CPU each delivery costs the
 *     portal, the workers and PostgreSQL; and what PostgreSQL wrote per delivery (rows, index
 *     entries, WAL bytes), from pg_stat_user_tables and pg_current_wal_lsn() deltas;
 *   - latency: 100 events offered at half the capacity just measured: ingest API p50/p99 and the
 *     time from sending the ingest request to the delivery reaching the receiver.
 * Then: the same ingest with no subscription at all (the ingest ratio's denominator); one receiver
 * hanging until its timeout beside a fast one; one workspace ingesting BENCH_FAIR_BURST events (10,000)
 * as fast as it can while another workspace sends its paced events (the quiet one's event → receiver
 * p50 beside the burst against alone); and a backlog — BENCH_BACKLOG deliveries (50,000)
 * queued while no worker runs, then drained by one worker process: drain rate against that
 * worker's steady throughput, and the peak RSS growth of each process.
 * Prints everything side by side, with the targets. Knobs: BENCH_EVENTS, BENCH_BACKLOG (0: skip),
 * BENCH_RECEIVER_DELAY_MS (20), BENCH_CONCURRENCY (10 deliveries in flight per worker),
 * BENCH_WORKERS ("1,2,4"), BENCH_PROFILE=<dir> (CPU profiles of the portal and the worker
 * processes, written when they exit, and the functions that cost most in each).
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { Agent, request } from "undici";
import {
  benchEnvironment,
  descends,
  percentile,
  processTable,
  setUpBenchAdmin,
  setUpBenchWorkspace,
  startPortal,
  startWorker,
  stopPortal,
} from "./lib/bench.ts";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 50_000);
const INTEGRATIONS = 10;
const RECEIVER_DELAY_MS = Number(process.env.BENCH_RECEIVER_DELAY_MS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? "1,2,4").split(",").map(Number);
const LATENCY_EVENTS = 100;
const FAIR_BURST = Number(process.env.BENCH_FAIR_BURST ?? 10_000);
const PACE_MS = 50;
const root = path.join(import.meta.dirname, "..");
const PROFILE = process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(process.env.BENCH_PROFILE)] : [];

interface Arrival {
  eventId: string;
  at: number;
}

async function main() {
  const { database, port: portalPort } = await benchEnvironment("fanout", () => ({
    PORTAL_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    PORTAL_WORKER_CONCURRENCY: String(CONCURRENCY),
  }));
  const stats = new pg.Client({ connectionString: database.url });
  await stats.connect();
  // Index entries are counted from the WAL of each measured window (pg_walinspect), which must
  // still be there when it is read: keep it past the checkpoints in between.
  await stats.query("CREATE EXTENSION IF NOT EXISTS pg_walinspect");
  await stats.query("ALTER SYSTEM SET wal_keep_size = '2GB'");
  await stats.query("SELECT pg_reload_conf()");

  const arrivals: Arrival[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { data?: { event?: { id: string } } };
        if (body.data?.event?.id) arrivals.push({ eventId: body.data.event.id, at });
      } catch {
        // the direct sender's bodies carry no event
      }
      setTimeout(() => res.end("ok"), RECEIVER_DELAY_MS);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const { token, ctx } = await setUpBenchAdmin(["read", "events:write", "trigger", "admin"]);
  const url = `http://127.0.0.1:${portalPort}`;
  const api = new Agent({ connections: 8 });
  const ingestStarted = new Map<string, number>();
  let seq = 0;
  const ingest = async (type: string) => {
    const t = performance.now();
    const res = await request(`${url}/api/v1/events`, {
      method: "POST",
      dispatcher: api,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ type, title: `Bench event ${++seq}`, severity: "high", source: "bench", details: { n: seq, region: "eu" } }),
    });
    const body = (await res.body.json()) as { id: string; deliveriesQueued: number };
    if (res.statusCode !== 201) throw new Error(`ingest answered ${res.statusCode}: ${JSON.stringify(body)}`);
    ingestStarted.set(body.id, t);
    return { ms: performance.now() - t, queued: body.deliveriesQueued };
  };
  const paced = async (type: string, n: number, paceMs = PACE_MS) => {
    const latencies: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      latencies.push((await ingest(type)).ms);
      const rest = paceMs - (performance.now() - t);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
    return latencies;
  };
  const burst = async (type: string, n: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next++ < n) await ingest(type);
      }),
    );
  };
  const expected = (events: number) => events * INTEGRATIONS;

  // --- the portal with its in-process worker
  let portal = await startPortal(url, PROFILE);
  for (let i = 0; i < 50; i++) await ingest("bench.warmup"); // no subscription: warms the ingest path
  const baseline = await paced("bench.unsubscribed", LATENCY_EVENTS);
  await subscribeAll(ctx, receiverUrl);

  const runSetup = async (label: string, workers: number, workerPids: () => number[]) => {
    await drain(arrivals, 0); // nothing left over
    arrivals.length = 0;
    await paced("bench.warm", 20); // warms the delivery path
    await waitForArrivals(arrivals, expected(20));
    arrivals.length = 0;

    // throughput, with the CPU and what PostgreSQL wrote
    const cpuBefore = cpuOf(portal.pid!, workerPids());
    const writesBefore = await writes(stats);
    const started = performance.now();
    await burst("bench.fanout", EVENTS);
    await waitForArrivals(arrivals, expected(EVENTS));
    const wall = Math.max(...arrivals.map((a) => a.at)) - started;
    await waitForOutcomes(stats, expected(EVENTS));
    const cpuAfter = cpuOf(portal.pid!, workerPids());
    await new Promise((r) => setTimeout(r, 1500)); // statistics reach pg_stat_* within a second
    const written = await diffWrites(stats, writesBefore, await writes(stats), expected(EVENTS));
    const throughput = (expected(EVENTS) / wall) * 1000;
    arrivals.length = 0;

    // latency, offered at half that capacity
    const eventsPerSecond = throughput / 2 / INTEGRATIONS;
    const paceMs = 1000 / eventsPerSecond;
    const ingestLat = await paced("bench.fanout", LATENCY_EVENTS, paceMs);
    await waitForArrivals(arrivals, expected(LATENCY_EVENTS));
    const latency = arrivals.map((a) => a.at - ingestStarted.get(a.eventId)!);
    arrivals.length = 0;
    const deliveries = expected(EVENTS);
    const direct = await sendDirect(receiverUrl, expected(EVENTS), CONCURRENCY * workers);
    return {
      label,
      workers,
      ingestLat,
      latency,
      offered: eventsPerSecond * INTEGRATIONS,
      throughput,
      direct,
      written,
      cpu: {
        portal: (cpuAfter.portal - cpuBefore.portal) / deliveries,
        workers: (cpuAfter.workers - cpuBefore.workers) / deliveries,
        database: (cpuAfter.database - cpuBefore.database) / deliveries,
      },
    };
  };

  const results = [await runSetup("1 worker (in the portal)", 1, () => [])];
  const fairness = await slowNeighbour(ctx, ingest, ingestStarted);
  const workspaces = FAIR_BURST > 0 ? await workspaceFairness(ctx, url, token) : null;

  // --- the same with 1, 2 and 4 worker processes beside a portal that runs none
  await stopPortal(portal);
  process.env.PORTAL_WORKER = "0";
  portal = await startPortal(url, PROFILE);
  for (const n of WORKER_COUNTS) {
    const workers = await Promise.all(Array.from({ length: n }, () => startWorker(PROFILE)));
    results.push(await runSetup(`${n} worker process${n === 1 ? "" : "es"}`, n, () => workers.map((w) => w.child.pid!)));
    await Promise.all(workers.map((w) => w.stop()));
  }

  // --- a backlog: queued while no worker runs, then drained by one worker process
  let backlog: Awaited<ReturnType<typeof drainBacklog>> | null = null;
  if (BACKLOG > 0) backlog = await drainBacklog(BACKLOG / INTEGRATIONS, burst, arrivals, stats);
  await stopPortal(portal);

  const f = (x: number) => x.toFixed(1);
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log(
    `\nbench:fanout — ${INTEGRATIONS} subscribed integrations, ${EVENTS} events → ${expected(EVENTS)} deliveries a run, receiver answers after ${RECEIVER_DELAY_MS} ms, ${CONCURRENCY} deliveries at once per worker\n`,
  );
  console.log(`ingest with no subscription (paced): p50 ${f(percentile(baseline, 50))} ms  p99 ${f(percentile(baseline, 99))} ms`);
  const oneWorker = results.find((r) => r.label.startsWith("1 worker process")) ?? results[0];
  const cpuTotal = (r: (typeof results)[number]) => r.cpu.portal + r.cpu.workers + r.cpu.database;
  for (const r of results) {
    const ingestRatio = percentile(r.ingestLat, 50) / percentile(baseline, 50);
    const ratio = r.throughput / r.direct;
    const target = r.workers === 1 ? 0.9 : 0.8;
    console.log(`\n${r.label}`);
    console.log(
      `  deliveries per second: portal ${f(r.throughput)}/s | direct ${f(r.direct)}/s at ${CONCURRENCY * r.workers} in flight | ratio ${ratio.toFixed(3)} (target ≥ ${target} → ${met(ratio >= target)})`,
    );
    const total = cpuTotal(r);
    const vsOne =
      r === oneWorker || r.workers === 1
        ? ""
        : ` | ${((total / cpuTotal(oneWorker) - 1) * 100).toFixed(0)} % against 1 worker process (target ≤ +10 % → ${met(total <= cpuTotal(oneWorker) * 1.1)})`;
    console.log(
      `  CPU per delivery: portal ${r.cpu.portal.toFixed(2)} + workers ${r.cpu.workers.toFixed(2)} + PostgreSQL ${r.cpu.database.toFixed(2)} = ${total.toFixed(2)} ms (target ≤ 1.5 → ${met(total <= 1.5)})${vsOne}`,
    );
    console.log(
      `  PostgreSQL per delivery: ${r.written.rows.toFixed(2)} rows written, ${r.written.indexEntries.toFixed(1)} index entries (earlier estimate, every index of the table per insert or non-HOT update: ${r.written.indexEntriesEstimate.toFixed(1)}), ${(r.written.walBytes / 1024).toFixed(2)} KB WAL (target ≤ 8 KB → ${met(r.written.walBytes <= 8192)})`,
    );
    console.log(`    ${r.written.byTable}`);
    console.log(`    index entries by index (from the WAL): ${r.written.byIndex}`);
    console.log(
      `  event → receiver at ${f(r.offered)} deliveries/s offered (half the capacity): p50 ${f(percentile(r.latency, 50))} ms  p99 ${f(percentile(r.latency, 99))} ms (targets p50 ≤ 25 → ${met(percentile(r.latency, 50) <= 25)}, p99 ≤ 60 → ${met(percentile(r.latency, 99) <= 60)})`,
    );
    console.log(
      `  ingest API (10 deliveries queued each): p50 ${f(percentile(r.ingestLat, 50))} ms  p99 ${f(percentile(r.ingestLat, 99))} ms | ratio to no subscription p50 ${ingestRatio.toFixed(3)} (target ≤ 1.3 → ${met(ingestRatio <= 1.3)})`,
    );
  }

  if (workspaces) {
    const ratio = percentile(workspaces.beside, 50) / percentile(workspaces.alone, 50);
    console.log(
      `\none workspace ingesting ${FAIR_BURST.toLocaleString("en")} events as fast as it can (4 at a time, ${workspaces.burstSeconds.toFixed(1)} s, its deliveries drained in ${workspaces.drainSeconds.toFixed(1)} s) beside another sending ${LATENCY_EVENTS} paced ${PACE_MS} ms, the portal's own worker:`,
    );
    console.log(
      `  the quiet workspace's event → receiver: alone p50 ${f(percentile(workspaces.alone, 50))} ms  p99 ${f(percentile(workspaces.alone, 99))} ms | beside the burst p50 ${f(percentile(workspaces.beside, 50))} ms  p99 ${f(percentile(workspaces.beside, 99))} ms | ratio ${ratio.toFixed(3)} (target ≤ 1.2 → ${met(ratio <= 1.2)})`,
    );
  }
  const fairRatio = percentile(fairness.slow, 50) / percentile(fairness.fast, 50);
  console.log(
    `\none receiver hanging until its 3 s timeout beside a fast one (${fairness.fast.length} events each run, paced ${PACE_MS} ms), the portal's own worker:`,
  );
  console.log(
    `  the fast integration's event → receiver: both fast p50 ${f(percentile(fairness.fast, 50))} ms  p99 ${f(percentile(fairness.fast, 99))} ms | beside the hanging one p50 ${f(percentile(fairness.slow, 50))} ms  p99 ${f(percentile(fairness.slow, 99))} ms | ratio ${fairRatio.toFixed(3)} (target ≤ 1.2 → ${met(fairRatio <= 1.2)})`,
  );
  if (backlog) {
    const steady = oneWorker.throughput;
    console.log(
      `\nbacklog: ${backlog.deliveries} deliveries queued with no worker running (ingest took ${f(backlog.queueSeconds)} s), then 1 worker process:`,
    );
    console.log(
      `  drained at ${f(backlog.rate)}/s | steady throughput of 1 worker process ${f(steady)}/s | ratio ${(backlog.rate / steady).toFixed(3)} (target ≥ 0.9 → ${met(backlog.rate >= steady * 0.9)})`,
    );
    console.log(
      `  the same drain against direct sends at ${CONCURRENCY} in flight (${f(oneWorker.direct)}/s): ratio ${(backlog.rate / oneWorker.direct).toFixed(3)} — the engine alone, no ingest beside it`,
    );
    console.log(
      `  peak RSS growth after the first 1,000: worker ${f(backlog.rss.worker)} MB, portal ${f(backlog.rss.portal)} MB (target ≤ 100 MB each → ${met(Math.max(backlog.rss.worker, backlog.rss.portal) <= 100)})`,
    );
  }

  if (process.env.BENCH_PROFILE) printProfiles(path.resolve(process.env.BENCH_PROFILE));
  receiver.close();
  await api.close();
  await stats.end();
  const { disconnectDb } = await import("../lib/db.ts");
  await disconnectDb();
  await database.stop();
  process.exit(0);

  /** Queues `events` events' deliveries with no worker running, then starts one and measures the drain. */
  async function drainBacklog(events: number, burstOf: typeof burst, arrived: Arrival[], client: pg.Client) {
    await drain(arrived, 0);
    arrived.length = 0;
    const t0 = performance.now();
    await burstOf("bench.fanout", events);
    const queueSeconds = (performance.now() - t0) / 1000;
    const deliveries = expected(events);
    const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
    const worker = await startWorker(PROFILE);
    const started = performance.now();
    // RSS growth is measured from the first 1,000 deliveries on (the worker warmed up: its code
    // loaded and compiled), to the end of the drain.
    let base: { worker: number; portal: number } | null = null;
    const peak = { worker: 0, portal: 0 };
    const sampler = setInterval(() => {
      if (!base) {
        if (arrived.length >= 1000) base = { worker: rssOf(worker.child.pid!), portal: rssOf(portal.pid!) };
        return;
      }
      peak.worker = Math.max(peak.worker, rssOf(worker.child.pid!));
      peak.portal = Math.max(peak.portal, rssOf(portal.pid!));
    }, 200);
    await waitForArrivals(arrived, deliveries, 900_000);
    const rate = (deliveries / (Math.max(...arrived.map((a) => a.at)) - started)) * 1000;
    await waitForOutcomes(client, deliveries);
    clearInterval(sampler);
    await worker.stop();
    arrived.length = 0;
    const from = base ?? peak;
    return {
      deliveries,
      queueSeconds,
      rate,
      rss: { worker: Math.max(0, peak.worker - from.worker), portal: Math.max(0, peak.portal - from.portal) },
    };
  }
}

/** The ten functions with the most self time in each CPU profile of `dir`, with their share. */
function printProfiles(dir: string) {
  interface Node {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { nodes: Node[]; samples: number[] };
    const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    for (const id of profile.samples) {
      const { functionName, url, lineNumber } = byNode.get(id)!.callFrame;
      const key = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(root, "")}:${lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + 1);
    }
    console.log(`\nprofile ${file} (${profile.samples.length} samples), most self time:`);
    for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 10))
      console.log(`  ${((n / profile.samples.length) * 100).toFixed(1).padStart(5)} %  ${key}`);
  }
}

/** Rows written per table (inserts, updates, HOT updates, deletes), its number of indexes, and the WAL position. */
async function writes(client: pg.Client) {
  const { rows } = await client.query<{ table: string; ins: string; upd: string; hot: string; del: string; indexes: string }>(`
    SELECT s.schemaname || '.' || s.relname AS "table", s.n_tup_ins AS ins, s.n_tup_upd AS upd, s.n_tup_hot_upd AS hot, s.n_tup_del AS del,
      (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid) AS indexes
    FROM pg_stat_user_tables s`);
  const [{ lsn }] = (await client.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows;
  return { tables: new Map(rows.map((r) => [r.table, { ins: +r.ins, upd: +r.upd, hot: +r.hot, del: +r.del, indexes: +r.indexes }])), lsn };
}

/**
 * Per delivery: rows written (inserted, updated, deleted), index entries added, WAL bytes. Index
 * entries are read from the window's WAL (pg_walinspect): the B-tree records that add an entry
 * (INSERT_LEAF, INSERT_POST, and a page split carrying the new entry) and a GIN index's insert into
 * its pending list (one record per row, its many keys counting as one; merging the list into the
 * tree later is in the WAL bytes) — so a partial index counts only the rows it takes, and an update
 * that is not HOT counts only where it adds an entry.
 */
async function diffWrites(
  client: pg.Client,
  before: Awaited<ReturnType<typeof writes>>,
  after: Awaited<ReturnType<typeof writes>>,
  deliveries: number,
) {
  let rows = 0;
  // The estimate earlier runs printed: every index of the table, for each insert and each update
  // that was not HOT (too many where an index is partial; kept to compare with them).
  let estimate = 0;
  const parts: string[] = [];
  for (const [table, a] of after.tables) {
    const b = before.tables.get(table) ?? { ins: 0, upd: 0, hot: 0, del: 0 };
    const ins = a.ins - b.ins;
    const upd = a.upd - b.upd;
    const hot = a.hot - b.hot;
    const del = a.del - b.del;
    if (ins + upd + del === 0) continue;
    rows += ins + upd + del;
    estimate += (ins + upd - hot) * a.indexes;
    const per = (n: number) => (n / deliveries).toFixed(2);
    parts.push(`${table.replace(/^public\./, "")} ins ${per(ins)} upd ${per(upd)} (HOT ${per(hot)}) del ${per(del)}`);
  }
  const { rows: byIndex } = await client.query<{ index: string; entries: string }>(
    `SELECT c.relname AS index, count(DISTINCT w.start_lsn) AS entries
     FROM pg_get_wal_block_info($1::pg_lsn, $2::pg_lsn) w
     JOIN pg_class c ON c.relfilenode = w.relfilenode AND c.relkind = 'i'
     WHERE w.reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND (w.resource_manager = 'Btree' AND w.record_type IN ('INSERT_LEAF', 'INSERT_POST', 'SPLIT_L', 'SPLIT_R')
         OR w.resource_manager = 'Gin' AND w.record_type = 'UPDATE_META_PAGE')
       AND w.relforknumber = 0
     GROUP BY 1 ORDER BY 2 DESC, 1`,
    [before.lsn, after.lsn],
  );
  const indexEntries = byIndex.reduce((n, r) => n + Number(r.entries), 0);
  return {
    rows: rows / deliveries,
    indexEntries: indexEntries / deliveries,
    indexEntriesEstimate: estimate / deliveries,
    walBytes: lsnBytes(after.lsn) - lsnBytes(before.lsn) > 0 ? (lsnBytes(after.lsn) - lsnBytes(before.lsn)) / deliveries : 0,
    byTable: parts.join(" · "),
    byIndex: byIndex
      .filter((r) => Number(r.entries) / deliveries >= 0.01)
      .map((r) => `${r.index} ${(Number(r.entries) / deliveries).toFixed(2)}`)
      .join(" · "),
  };
}

const lsnBytes = (lsn: string) => {
  const [hi, lo] = lsn.split("/");
  return parseInt(hi, 16) * 2 ** 32 + parseInt(lo, 16);
};

/** Waits until `n` more attempts than when first called are finished (their outcomes written). */
async function waitForOutcomes(client: pg.Client, n: number) {
  const end = Date.now() + 120_000;
  for (;;) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Attempt" WHERE "status" IN ('queued', 'scheduled') AND "kind" = 'automatic'`,
    );
    if (rows[0].n === 0) return;
    if (Date.now() > end) throw new Error(`${rows[0].n} of ${n} outcomes still unwritten`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Two integrations subscribed to the same events, one fast and one whose receiver (answering after
 * 20 ms at first) then hangs until the webhook's timeout: the fast one's event-to-receiver latency
 * in both runs.
 */
async function slowNeighbour(
  ctx: Parameters<typeof import("../lib/integrations/create-integration.ts").createIntegration>[0]["ctx"],
  ingest: (type: string) => Promise<unknown>,
  ingestStarted: Map<string, number>,
) {
  let hang = false;
  const fastArrivals: Arrival[] = [];
  const fast = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { data: { event: { id: string } } };
      fastArrivals.push({ eventId: body.data.event.id, at: performance.now() });
      setTimeout(() => res.end("ok"), RECEIVER_DELAY_MS);
    });
  });
  const slow = createServer((req, res) => {
    req.resume();
    if (!hang) req.on("end", () => setTimeout(() => res.end("ok"), RECEIVER_DELAY_MS));
  });
  await Promise.all([fast, slow].map((s) => new Promise<void>((r) => s.listen(0, "127.0.0.1", r))));
  const urlOf = (s: typeof fast) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/hook`;
  const { createIntegration } = await import("../lib/integrations/create-integration.ts");
  const { saveWebhookConfig } = await import("../lib/integrations/save-webhook-config.ts");
  const { createSubscription } = await import("../lib/subscriptions/create-subscription.ts");
  for (const [name, url] of [
    ["fast", urlOf(fast)],
    ["hanging", urlOf(slow)],
  ]) {
    const integration = await createIntegration({ ctx, input: { name: `Bench ${name}`, platform: "custom" } });
    await saveWebhookConfig({ ctx, integrationId: integration.id, input: { url, enabled: true, timeoutSeconds: 3, bearerToken: null } });
    await createSubscription({
      ctx,
      integrationId: integration.id,
      input: { eventTypes: ["fair.*"], disableAfterFailures: 1000, retrySchedule: null },
    });
  }
  const run = async () => {
    fastArrivals.length = 0;
    const n = LATENCY_EVENTS;
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await ingest("fair.test");
      const rest = PACE_MS - (performance.now() - t);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
    await waitForArrivals(fastArrivals, n);
    return fastArrivals.map((a) => a.at - ingestStarted.get(a.eventId)!);
  };
  const both = await run();
  hang = true;
  const beside = await run();
  fast.close();
  slow.closeAllConnections();
  slow.close();
  return { fast: both, slow: beside };
}

/**
 * Two workspaces, each with one integration and a fast receiver: the quiet one sends paced events
 * alone, then again while the other ingests FAIR_BURST events as fast as it can. Returns the quiet
 * workspace's event → receiver latencies in both runs.
 */
async function workspaceFairness(
  ctx: Parameters<typeof import("../lib/integrations/create-integration.ts").createIntegration>[0]["ctx"],
  url: string,
  noisyToken: string,
) {
  const { createIntegration } = await import("../lib/integrations/create-integration.ts");
  const { saveWebhookConfig } = await import("../lib/integrations/save-webhook-config.ts");
  const { createSubscription } = await import("../lib/subscriptions/create-subscription.ts");
  const quietArrivals: Arrival[] = [];
  let noisyArrived = 0;
  const receiver = (onArrival: (eventId: string) => void) =>
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        onArrival((JSON.parse(Buffer.concat(chunks).toString()) as { data: { event: { id: string } } }).data.event.id);
        setTimeout(() => res.end("ok"), RECEIVER_DELAY_MS);
      });
    });
  const quietServer = receiver((eventId) => quietArrivals.push({ eventId, at: performance.now() }));
  const noisyServer = receiver(() => noisyArrived++);
  await Promise.all([quietServer, noisyServer].map((s) => new Promise<void>((r) => s.listen(0, "127.0.0.1", r))));
  const urlOf = (s: typeof quietServer) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/hook`;
  const quiet = await setUpBenchWorkspace("quiet", ["read", "events:write"]);
  for (const [owner, type, server] of [
    [quiet.ctx, "quiet.*", quietServer],
    [ctx, "noisy.*", noisyServer],
  ] as const) {
    const integration = await createIntegration({ ctx: owner, input: { name: `Bench ${type}`, platform: "custom" } });
    await saveWebhookConfig({
      ctx: owner,
      integrationId: integration.id,
      input: { url: urlOf(server), enabled: true, timeoutSeconds: 10, bearerToken: null },
    });
    await createSubscription({
      ctx: owner,
      integrationId: integration.id,
      input: { eventTypes: [type], disableAfterFailures: 1000, retrySchedule: null },
    });
  }
  const api = new Agent({ connections: 8 });
  const started = new Map<string, number>();
  const ingestAs = async (token: string, type: string) => {
    const t = performance.now();
    const res = await request(`${url}/api/v1/events`, {
      method: "POST",
      dispatcher: api,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ type, title: "Bench event", severity: "high", source: "bench", details: {} }),
    });
    const body = (await res.body.json()) as { id: string };
    if (res.statusCode !== 201) throw new Error(`ingest answered ${res.statusCode}: ${JSON.stringify(body)}`);
    started.set(body.id, t);
  };
  const runQuiet = async () => {
    quietArrivals.length = 0;
    for (let i = 0; i < LATENCY_EVENTS; i++) {
      const t = performance.now();
      await ingestAs(quiet.token, "quiet.test");
      const rest = PACE_MS - (performance.now() - t);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
    await waitForArrivals(quietArrivals, LATENCY_EVENTS);
    return quietArrivals.map((a) => a.at - started.get(a.eventId)!);
  };
  const alone = await runQuiet();
  const burstStarted = performance.now();
  let next = 0;
  let burstSeconds = 0;
  const burst = Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next++ < FAIR_BURST) await ingestAs(noisyToken, "noisy.burst");
    }),
  ).then(() => (burstSeconds = (performance.now() - burstStarted) / 1000));
  // Once the burst is under way (a backlog of its deliveries is queued), the quiet workspace's events.
  while (next < Math.min(FAIR_BURST, 500)) await new Promise((r) => setTimeout(r, 20));
  const beside = await runQuiet();
  await burst;
  const end = Date.now() + 300_000;
  while (noisyArrived < FAIR_BURST && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  const drainSeconds = (performance.now() - burstStarted) / 1000;
  await api.close();
  quietServer.close();
  noisyServer.close();
  return { alone, beside, burstSeconds, drainSeconds };
}

async function subscribeAll(
  ctx: Parameters<typeof import("../lib/integrations/create-integration.ts").createIntegration>[0]["ctx"],
  receiverUrl: string,
) {
  const { createIntegration } = await import("../lib/integrations/create-integration.ts");
  const { saveWebhookConfig } = await import("../lib/integrations/save-webhook-config.ts");
  const { createSubscription } = await import("../lib/subscriptions/create-subscription.ts");
  for (let i = 0; i < INTEGRATIONS; i++) {
    const integration = await createIntegration({ ctx, input: { name: `Bench receiver ${i}`, platform: "custom" } });
    await saveWebhookConfig({
      ctx,
      integrationId: integration.id,
      input: { url: receiverUrl, enabled: true, timeoutSeconds: 10, bearerToken: "bench-token-0000" },
    });
    await createSubscription({
      ctx,
      integrationId: integration.id,
      input: { eventTypes: ["bench.*"], minSeverity: "high", filter: { "details.region": { $in: ["eu", "us"] } } },
    });
  }
}

/** The same number of equally signed POSTs, straight from here with undici. */
async function sendDirect(receiverUrl: string, n: number, inFlight: number): Promise<number> {
  const { buildRequestHeaders } = await import("../lib/delivery/request-headers.ts");
  const { newMessageId } = await import("../lib/webhooks/signing.ts");
  const secret = `whsec_${randomBytes(24).toString("base64")}`;
  const agent = new Agent({ connections: inFlight * 2 });
  const body = JSON.stringify({ type: "bench.direct", timestamp: new Date().toISOString(), data: { n: 1 } });
  const send = async () => {
    const { headers } = buildRequestHeaders({
      messageId: newMessageId(),
      body,
      secrets: [secret],
      bearerToken: "bench-token-0000",
      userAgent: "bench",
      now: new Date(),
    });
    const res = await request(receiverUrl, { method: "POST", dispatcher: agent, headers, body });
    await res.body.text();
  };
  for (let i = 0; i < 200; i++) await send();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < n) await send();
    }),
  );
  const wall = performance.now() - started;
  await agent.close();
  return (n / wall) * 1000;
}

async function waitForArrivals(arrivals: Arrival[], n: number, timeoutMs = 300_000) {
  const end = Date.now() + timeoutMs;
  while (arrivals.length < n) {
    if (Date.now() > end) throw new Error(`only ${arrivals.length} of ${n} deliveries arrived`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function drain(arrivals: Arrival[], quietMs: number) {
  let last = -1;
  while (last !== arrivals.length) {
    last = arrivals.length;
    await new Promise((r) => setTimeout(r, 500 + quietMs));
  }
}

/** CPU ms (user + system) of the portal and its children, of the worker processes, and of this benchmark's PostgreSQL. */
function cpuOf(portalPid: number, workerPids: number[]) {
  const procs = processTable();
  const under = (pid: number, rootPid: number) => descends(procs, pid, rootPid);
  let portal = 0;
  let workers = 0;
  let database = 0;
  for (const [pid, p] of procs) {
    if (under(pid, portalPid)) portal += p.ms;
    else if (workerPids.some((w) => under(pid, w))) workers += p.ms;
    else if (p.comm === "postgres" && under(pid, process.pid)) database += p.ms;
  }
  return { portal, workers, database };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
