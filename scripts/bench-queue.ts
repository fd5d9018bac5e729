/**
 * npm run bench:queue — the delivery-queue path on pg-boss (as the portal runs it) and on
 * graphile-worker (with its batching features), side by side, in one run on one scratch PostgreSQL.
 *
 * The workload, the same for both: BENCH_JOBS events (5,000), each a short transaction on a plain
 * pg connection — BEGIN, INSERT of a small event row of its own, ONE job added on that same
 * connection (the portal's enqueueInTransaction path: the job exists exactly when the transaction
 * commits), COMMIT — 4 producers at a time. The job carries what deliveriesJobs() makes for an
 * event matching 3 integrations. One consumer in this process, 10 jobs at a time, whose handler
 * awaits a 2 ms timer (standing in for the send) and lets the library complete the job.
 *
 * Each library has its own schema (`pgboss`, `graphile_worker`) and its own event table in the same
 * database, and runs alone: first the event rows with no queue at all (the baseline both include),
 * then pg-boss, then graphile-worker, each flat out (jobs per second from the first BEGIN to the last
 * job completed in the database; enqueue transaction p50/p99), then each again paced at half the
 * lower of the two capacities (the same offered load for both): COMMIT sent → handler started
 * p50/p99. For the flat-out run, per job: CPU of this process (process.cpuUsage: producers,
 * library, consumer) and of the PostgreSQL processes (/proc), WAL bytes (pg_current_wal_lsn()),
 * and rows and index entries written in the queue's schema (pg_stat_user_tables). Those counters
 * are read with every connection of the run closed (a backend reports its table counts when it
 * exits; an idle one may hold them up to 10 s), so the window includes starting and stopping the
 * library once. Knobs: BENCH_JOBS, BENCH_PACED_JOBS (1,000 or BENCH_JOBS if fewer),
 * BENCH_GW_LOCAL_QUEUE (graphile-worker's local queue size, 20).
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import type { PgBoss } from "pg-boss";
import { Logger, run, runMigrations, type Runner } from "graphile-worker";
import { benchEnvironment, descends, percentile, processTable } from "./lib/bench.ts";

const JOBS = Number(process.env.BENCH_JOBS ?? 5000);
const PACED_JOBS = Number(process.env.BENCH_PACED_JOBS ?? Math.min(1000, JOBS));
const WARM_UP_JOBS = 200;
const PRODUCERS = 4;
const CONCURRENCY = 10;
const SEND_MS = 2;
const ATTEMPTS_PER_EVENT = 3;
const WEBHOOK_TIMEOUT_SECONDS = 10;
const GW_LOCAL_QUEUE = Number(process.env.BENCH_GW_LOCAL_QUEUE ?? 2 * CONCURRENCY);
const root = path.join(import.meta.dirname, "..");

type JobData = { attemptIds?: string[] };

/** A queue library on the delivery path: install once, then start/stop around each run. */
interface Contender {
  name: string;
  /** Its schema: the tables whose writes are counted. */
  schema: string | null;
  /** The table its producers insert the event row into. */
  eventTable: string;
  install(): Promise<void>;
  /** Starts the library and its consumer, which calls `handle` for each job. */
  start(handle: (data: JobData) => Promise<void>): Promise<void>;
  /** Adds one job on the producer's connection, inside its open transaction. */
  enqueue(client: pg.PoolClient, job: { data: JobData; expireInSeconds: number }): Promise<void>;
  /** Jobs added and not yet completed, per the database. */
  pending(client: pg.Client): Promise<number>;
  /** Stops the consumer and the library, closing its connections. */
  stop(): Promise<void>;
}

async function main() {
  const { database } = await benchEnvironment("queue");
  const url = database.url;
  const stats = new pg.Client({ connectionString: url });
  await stats.connect();
  // pg_walinspect (contrib, shipped with the embedded server) reads the WAL records a run wrote:
  // the B-tree entries are counted from them, since most of pg-boss's job indexes are partial and
  // the catalog alone cannot say which ones a row enters.
  await stats.query("CREATE EXTENSION IF NOT EXISTS pg_walinspect");
  const { queue, stopQueue, QUEUES, deliveriesJobs } = await import("../lib/jobs/queue.ts");

  // ── pg-boss, exactly as the portal runs it ──────────────────────────────────────────────────────
  // queue() is the portal's own instance (lib/jobs/queue.ts: schema pgboss, pool of 10, LISTEN/NOTIFY,
  // supervise/monitor every 5 s, the delivery queue with notify, 10 retries, 1 h retention); jobs
  // are added with insert() on the caller's connection, as enqueueInTransaction does (there through
  // Prisma's transaction, here through pg's, so that the ORM's cost is not in either figure).
  let boss: PgBoss | null = null;
  const pgBoss: Contender = {
    name: `pg-boss ${versionOf("pg-boss")}`,
    schema: "pgboss",
    eventTable: "bench_event_pgboss",
    install: async () => {
      await queue();
      await stopQueue(5_000);
    },
    start: async (handle) => {
      boss = await queue();
      const slots = new Slots(CONCURRENCY);
      // The options of lib/delivery/worker.ts: two fetch loops of up to `concurrency` jobs each,
      // fetching again at once while batches come back full; each batch is completed in one
      // statement when its handler returns. The portal's Dispatcher holds the sends to
      // `concurrency` in flight across both loops; the slots do that here.
      await boss.work<JobData>(
        QUEUES.delivery,
        {
          localConcurrency: 2,
          batchSize: CONCURRENCY,
          burstWhenBatchFull: true,
          burstWhenReadyExceeds: 1,
          notifyPollingIntervalSeconds: 5,
          includeMetadata: false,
        },
        async (jobs) => {
          await Promise.all(jobs.map((job) => slots.run(() => handle(job.data))));
        },
      );
    },
    enqueue: async (client, job) => {
      await boss!.insert(QUEUES.delivery, [job], { db: { executeSql: (text, values) => client.query(text, values) } });
    },
    pending: async (client) =>
      Number(
        (await client.query("SELECT count(*) FROM pgboss.job WHERE name = $1 AND state <> 'completed'", [QUEUES.delivery])).rows[0].count,
      ),
    stop: async () => {
      await boss!.offWork(QUEUES.delivery, { wait: true });
      await stopQueue(5_000);
      boss = null;
    },
  };

  // ── graphile-worker, with its batching features ─────────────────────────────────────────────────
  // As worker.graphile.org/docs/performance sets it up for throughput, at the portal's scale:
  // - localQueue: the pool fetches (and locks) a batch of jobs in one query and hands them to its
  //   10 executors without a round trip each. The option's own advice is concurrentJobs + 1 as a
  //   start (the performance page uses 500 for 24 executors); 20 is what pg-boss's two fetch loops
  //   of 10 may hold at once here, so both keep the same amount of work locked.
  // - completeJobBatchDelay / failJobBatchDelay 0: completions (failures) that happen in the same
  //   tick are written in one statement, the performance page's setting; the portal's pg-boss
  //   completes a batch as soon as it is handled, so a longer delay would not compare like with like.
  // - preparedStatements: on (the default, stated): its fetch and complete statements are prepared.
  // - maxPoolSize: max(10, concurrentJobs + 2), the option's own advice.
  // - pollInterval left at 2 s: new jobs wake the pool through LISTEN/NOTIFY (add_jobs notifies).
  // Jobs are added with the graphile_worker.add_jobs() SQL function on the producer's connection,
  // inside its transaction (the documented way to add jobs atomically with your own writes: the
  // JS addJobs() runs on a connection of its own pool, outside the caller's transaction).
  // maxAttempts 11 mirrors the portal's retryLimit 10.
  let runner: Runner | null = null;
  const quiet = new Logger((scope) => (level, message) => {
    if (level === "error" || level === "warning") console.error(`graphile-worker ${scope.label ?? ""}: ${message}`);
  });
  const preset = {
    worker: {
      connectionString: url,
      schema: "graphile_worker",
      concurrentJobs: CONCURRENCY,
      maxPoolSize: Math.max(10, CONCURRENCY + 2),
      preparedStatements: true,
      localQueue: { size: GW_LOCAL_QUEUE },
      completeJobBatchDelay: 0,
      failJobBatchDelay: 0,
      logger: quiet,
    },
  };
  const graphile: Contender = {
    name: `graphile-worker ${versionOf("graphile-worker")}`,
    schema: "graphile_worker",
    eventTable: "bench_event_graphile",
    install: () => runMigrations({ preset }),
    start: async (handle) => {
      runner = await run({
        preset,
        noHandleSignals: true,
        crontab: "",
        taskList: { delivery: async (payload) => handle(payload as JobData) },
      });
    },
    enqueue: async (client, job) => {
      const spec = [{ identifier: "delivery", payload: job.data, max_attempts: 11 }];
      await client.query(
        "SELECT id FROM graphile_worker.add_jobs(array(SELECT json_populate_recordset(NULL::graphile_worker.job_spec, $1::json)))",
        [JSON.stringify(spec)],
      );
    },
    pending: async (client) => Number((await client.query("SELECT count(*) FROM graphile_worker._private_jobs")).rows[0].count),
    stop: async () => {
      await runner!.stop();
      runner = null;
    },
  };

  // ── the event rows alone: what both figures include ─────────────────────────────────────────────
  const baseline: Contender = {
    name: "event row alone",
    schema: null,
    eventTable: "bench_event_baseline",
    install: async () => {},
    start: async () => {},
    enqueue: async () => {},
    pending: async () => 0,
    stop: async () => {},
  };

  for (const c of [baseline, pgBoss, graphile]) {
    await stats.query(`CREATE TABLE ${c.eventTable} (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), type text NOT NULL,
      body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await c.install();
  }

  const consumer = new Consumer();
  const jobOf = (): { data: JobData; expireInSeconds: number } =>
    deliveriesJobs(
      Array.from({ length: ATTEMPTS_PER_EVENT }, () => ({ attemptId: randomUUID(), timeoutSeconds: WEBHOOK_TIMEOUT_SECONDS })),
    )[0];

  /** Runs `count` events through `c`: started, produced (paced when `rate` is set), waited for, stopped. */
  const session = async (c: Contender, count: number, rate?: number) => {
    const pool = new pg.Pool({ connectionString: url, max: PRODUCERS });
    consumer.reset(rate !== undefined);
    await c.start((data) => consumer.handle(data));
    const startedAt = performance.now();
    let next = 0;
    const txMs: number[] = [];
    await Promise.all(
      Array.from({ length: PRODUCERS }, async () => {
        const client = await pool.connect();
        try {
          for (let i = next++; i < count; i = next++) {
            if (rate !== undefined) {
              const wait = startedAt + (i * 1000) / rate - performance.now();
              if (wait > 0) await sleep(wait);
            }
            const job = jobOf();
            const t = performance.now();
            await client.query("BEGIN");
            await client.query(`INSERT INTO ${c.eventTable} (type, body) VALUES ($1, $2)`, [
              "order.paid",
              { id: `ord_${i}`, title: `Order ${i} paid`, severity: "high", details: { total: 42.5, currency: "EUR" } },
            ]);
            await c.enqueue(client, job);
            consumer.committing(job.data);
            await client.query("COMMIT");
            txMs.push(performance.now() - t);
          }
        } finally {
          client.release();
        }
      }),
    );
    const expected = c === baseline ? 0 : count;
    const deadline = Date.now() + 120_000;
    while (consumer.handled < expected || (await c.pending(stats)) > 0) {
      if (Date.now() > deadline) throw new Error(`${c.name}: ${expected - consumer.handled} jobs not handled after 120 s`);
      await sleep(consumer.handled < expected ? 10 : 20);
    }
    const seconds = (performance.now() - startedAt) / 1000;
    await c.stop();
    await pool.end();
    return { jobsPerSecond: count / seconds, txMs, latencyMs: consumer.latencies };
  };

  // Warm-up (plans, JIT, connections), not counted.
  for (const c of [baseline, pgBoss, graphile]) await session(c, WARM_UP_JOBS);

  const results = new Map<Contender, Result>();
  for (const c of [baseline, pgBoss, graphile]) {
    await sleep(1_000); // let the warm-up's backends exit and report
    const before = await counters(stats, c.schema);
    const r = await session(c, JOBS);
    await sleep(1_000);
    const after = await counters(stats, c.schema);
    const wal = await walRecords(stats, before.lsn, after.lsn, JOBS);
    results.set(c, { ...r, ...perJob(before, after, JOBS), ...wal, pacedTxMs: [], pacedLatencyMs: [], offered: 0 });
  }
  const offered = Math.min(results.get(pgBoss)!.jobsPerSecond, results.get(graphile)!.jobsPerSecond) / 2;
  for (const c of [pgBoss, graphile]) {
    const r = await session(c, PACED_JOBS, offered);
    Object.assign(results.get(c)!, { pacedTxMs: r.txMs, pacedLatencyMs: r.latencyMs, offered });
  }

  print(results, baseline, pgBoss, graphile);

  await stats.end();
  await database.stop();
}

interface Result {
  jobsPerSecond: number;
  txMs: number[];
  latencyMs: number[];
  pacedTxMs: number[];
  pacedLatencyMs: number[];
  offered: number;
  nodeCpuMs: number;
  pgCpuMs: number;
  walBytes: number;
  rows: number;
  indexEntries: number;
  byTable: string;
  btreeEntries: number;
  walByKind: string;
}

function print(results: Map<Contender, Result>, baseline: Contender, a: Contender, b: Contender) {
  const base = results.get(baseline)!;
  const ra = results.get(a)!;
  const rb = results.get(b)!;
  const offered = ra.offered;
  const f = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
  const p = (xs: number[], q: number) => percentile(xs, q);
  const rows: [string, number, number, number | null, number][] = [
    // label, a, b, baseline (or null), digits
    ["jobs per second, end to end", ra.jobsPerSecond, rb.jobsPerSecond, base.jobsPerSecond, 0],
    ["enqueue transaction p50 (ms), flat out", p(ra.txMs, 50), p(rb.txMs, 50), p(base.txMs, 50), 2],
    ["enqueue transaction p99 (ms), flat out", p(ra.txMs, 99), p(rb.txMs, 99), p(base.txMs, 99), 2],
    [`enqueue transaction p50 (ms), paced`, p(ra.pacedTxMs, 50), p(rb.pacedTxMs, 50), null, 2],
    [`enqueue transaction p99 (ms), paced`, p(ra.pacedTxMs, 99), p(rb.pacedTxMs, 99), null, 2],
    [`add → handler start p50 (ms), paced`, p(ra.pacedLatencyMs, 50), p(rb.pacedLatencyMs, 50), null, 2],
    [`add → handler start p99 (ms), paced`, p(ra.pacedLatencyMs, 99), p(rb.pacedLatencyMs, 99), null, 2],
    ["CPU per job, Node process (ms)", ra.nodeCpuMs, rb.nodeCpuMs, base.nodeCpuMs, 3],
    ["  of which the queue's (minus baseline)", ra.nodeCpuMs - base.nodeCpuMs, rb.nodeCpuMs - base.nodeCpuMs, null, 3],
    ["CPU per job, PostgreSQL (ms)", ra.pgCpuMs, rb.pgCpuMs, base.pgCpuMs, 3],
    ["  of which the queue's (minus baseline)", ra.pgCpuMs - base.pgCpuMs, rb.pgCpuMs - base.pgCpuMs, null, 3],
    ["WAL bytes per job", ra.walBytes, rb.walBytes, base.walBytes, 0],
    ["  of which the queue's (minus baseline)", ra.walBytes - base.walBytes, rb.walBytes - base.walBytes, null, 0],
    ["queue rows written per job", ra.rows, rb.rows, null, 2],
    ["B-tree entries written per job (WAL records)", ra.btreeEntries, rb.btreeEntries, base.btreeEntries, 2],
    ["  of which the queue's (minus baseline)", ra.btreeEntries - base.btreeEntries, rb.btreeEntries - base.btreeEntries, null, 2],
    ["queue index entries per job, upper bound", ra.indexEntries, rb.indexEntries, null, 2],
  ];
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  const w = [44, 18, 24, 10, 18];
  const line = (cells: string[]) => "  " + cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("");
  console.log(
    `\nbench:queue — ${JOBS} events, each one job added in a transaction with its event row, ${PRODUCERS} producers; ` +
      `one consumer, ${CONCURRENCY} at a time, ${SEND_MS} ms per job; paced runs: ${PACED_JOBS} jobs at ${f(offered, 0)} jobs/s ` +
      `(half the lower capacity); load average now ${load} on ${availableParallelism()} CPUs\n`,
  );
  console.log(line(["", a.name, b.name, "ratio g/p", "event row alone"]));
  for (const [label, x, y, z, digits] of rows)
    console.log(line([label, f(x, digits), f(y, digits), f(y / x, 2), z === null ? "" : f(z, digits)]));
  console.log(`\n  ${a.name} writes per job: ${ra.byTable}`);
  console.log(`  ${b.name} writes per job: ${rb.byTable}`);
  console.log(`\n  WAL per job by record kind (bytes, full-page images included):`);
  for (const [c, r] of [
    [a, ra],
    [b, rb],
    [baseline, base],
  ] as const)
    console.log(`    ${c.name}: ${r.walByKind}`);
  console.log(
    `  (CPU, WAL and writes cover the flat-out run including one start and stop of the library; CPU and WAL include the event row, ` +
      `whose own cost is the last column; the upper bound counts every index, partial ones included, for each insert and non-HOT update)\n`,
  );
}

/** Handler side of every run: counts jobs, and in a paced run, the time from COMMIT sent to handler start. */
class Consumer {
  handled = 0;
  latencies: number[] = [];
  private addedAt = new Map<string, number>();
  private timing = false;

  reset(timing: boolean) {
    this.handled = 0;
    this.latencies = [];
    this.addedAt.clear();
    this.timing = timing;
  }

  /** Called just before the producer sends COMMIT: the job becomes visible from then on. */
  committing(data: JobData) {
    if (this.timing) this.addedAt.set(data.attemptIds![0], performance.now());
  }

  async handle(data: JobData) {
    if (this.timing) {
      const key = data.attemptIds![0];
      const added = this.addedAt.get(key);
      if (added !== undefined) this.latencies.push(performance.now() - added);
      this.addedAt.delete(key);
    }
    await sleep(SEND_MS);
    this.handled++;
  }
}

/** At most `n` handlers at once, across pg-boss's fetch loops (the Dispatcher's role in the portal). */
class Slots {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((r) => this.waiting.push(r));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

type Counters = Awaited<ReturnType<typeof counters>>;

/** CPU so far (this process, the PostgreSQL processes), the WAL position, and the schema's table counters. */
async function counters(client: pg.Client, schema: string | null) {
  await client.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await client.query<{ table: string; ins: string; upd: string; hot: string; del: string; indexes: string }>(
    `SELECT s.relname AS "table", s.n_tup_ins AS ins, s.n_tup_upd AS upd, s.n_tup_hot_upd AS hot, s.n_tup_del AS del,
       (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid) AS indexes
     FROM pg_stat_user_tables s WHERE s.schemaname = $1`,
    [schema ?? ""],
  );
  const { lsn } = (await client.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0];
  const own = process.cpuUsage();
  let pgMs = 0;
  const procs = processTable();
  for (const [pid, proc] of procs) if (proc.comm === "postgres" && descends(procs, pid, process.pid)) pgMs += proc.ms;
  return {
    nodeMs: (own.user + own.system) / 1000,
    pgMs,
    lsn,
    tables: new Map(rows.map((r) => [r.table, { ins: +r.ins, upd: +r.upd, hot: +r.hot, del: +r.del, indexes: +r.indexes }])),
  };
}

/** Per job: CPU, WAL bytes, rows written in the schema, index entries (one per index for each insert and non-HOT update). */
function perJob(before: Counters, after: Counters, jobs: number) {
  let rows = 0;
  let indexEntries = 0;
  const parts: string[] = [];
  for (const [table, a] of after.tables) {
    const b = before.tables.get(table) ?? { ins: 0, upd: 0, hot: 0, del: 0 };
    const [ins, upd, hot, del] = [a.ins - b.ins, a.upd - b.upd, a.hot - b.hot, a.del - b.del];
    if (ins + upd + del === 0) continue;
    rows += ins + upd + del;
    indexEntries += (ins + upd - hot) * a.indexes;
    const per = (n: number) => (n / jobs).toFixed(2);
    parts.push(`${table} ins ${per(ins)} upd ${per(upd)} (HOT ${per(hot)}) del ${per(del)}, ${a.indexes} indexes`);
  }
  return {
    nodeCpuMs: (after.nodeMs - before.nodeMs) / jobs,
    pgCpuMs: (after.pgMs - before.pgMs) / jobs,
    walBytes: (lsnBytes(after.lsn) - lsnBytes(before.lsn)) / jobs,
    rows: rows / jobs,
    indexEntries: indexEntries / jobs,
    byTable: parts.join(" · ") || "none",
  };
}

/**
 * Per job, from the WAL records between two positions (cluster-wide: the event row's are in it too):
 * B-tree entries added (leaf inserts, and inserts into a deduplicated posting list), and the bytes
 * by resource manager (Heap, Btree, Transaction…).
 */
async function walRecords(client: pg.Client, from: string, to: string, jobs: number) {
  try {
    const { rows } = await client.query<{ kind: string; count: string; bytes: string }>(
      `SELECT "resource_manager/record_type" AS kind, count, combined_size AS bytes FROM pg_get_wal_stats($1::pg_lsn, $2::pg_lsn, true) WHERE count > 0`,
      [from, to],
    );
    let btreeEntries = 0;
    const byKind = new Map<string, number>();
    for (const r of rows) {
      if (r.kind === "Btree/INSERT_LEAF" || r.kind === "Btree/INSERT_POST") btreeEntries += Number(r.count);
      const manager = r.kind.split("/")[0];
      byKind.set(manager, (byKind.get(manager) ?? 0) + Number(r.bytes));
    }
    const walByKind = [...byKind]
      .sort((x, y) => y[1] - x[1])
      .filter(([, bytes]) => bytes / jobs >= 1)
      .map(([kind, bytes]) => `${kind} ${(bytes / jobs).toFixed(0)}`)
      .join(" · ");
    return { btreeEntries: btreeEntries / jobs, walByKind };
  } catch (error) {
    // The WAL of the window was recycled meanwhile (a checkpoint during a long run).
    return { btreeEntries: NaN, walByKind: `unavailable (${(error as Error).message})` };
  }
}

const lsnBytes = (lsn: string) => {
  const [hi, lo] = lsn.split("/");
  return parseInt(hi, 16) * 2 ** 32 + parseInt(lo, 16);
};

function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
