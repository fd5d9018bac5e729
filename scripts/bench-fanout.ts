/**
 * npm run bench:fanout — automatic deliveries: ingest → queue → worker → receiver.
 *
 * 10 integrations subscribed to one event type; 500 events ingested through the portal's API,
 * so 5,000 deliveries to a local receiver that answers after 20 ms. Two phases per setup:
 *   - latency: 100 events ingested one every 50 ms (below capacity): ingest API p50/p99 and the
 *     time from sending the ingest request to the delivery reaching the receiver;
 *   - throughput: 400 events ingested back to back, 4 at a time: deliveries per second from the
 *     first ingest to the last arrival.
 * The same 5,000 equally signed POSTs are also sent directly with undici at the worker's
 * concurrency, and the same ingest is measured with no subscription at all. Setups: the portal's
 * in-process worker, then 2 worker processes (`npm run worker`) beside a portal without one.
 * Prints, side by side, the ratios and the CPU each delivery costs the portal, the workers and
 * PostgreSQL. Knobs: BENCH_EVENTS (500), BENCH_RECEIVER_DELAY_MS (20), BENCH_CONCURRENCY (10).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Agent, request } from "undici";
import { benchEnvironment, descends, percentile, processTable, startPortal, stopPortal } from "./lib/bench.ts";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);
const INTEGRATIONS = 10;
const RECEIVER_DELAY_MS = Number(process.env.BENCH_RECEIVER_DELAY_MS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const LATENCY_EVENTS = Math.round(EVENTS / 5);
const PACE_MS = 50;
const root = path.join(import.meta.dirname, "..");

interface Arrival {
  eventId: string;
  at: number;
}

async function main() {
  const { database, port: portalPort } = await benchEnvironment("fanout", () => ({
    PORTAL_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    PORTAL_WORKER_CONCURRENCY: String(CONCURRENCY),
  }));

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

  const { token, ctx } = await setUpUser();
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
  const paced = async (type: string, n: number) => {
    const latencies: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      latencies.push((await ingest(type)).ms);
      const rest = PACE_MS - (performance.now() - t);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
    return latencies;
  };

  // --- the portal with its in-process worker
  let portal = await startPortal(url);
  for (let i = 0; i < 50; i++) await ingest("bench.warmup"); // no subscription: warms the ingest path
  const baseline = await paced("bench.unsubscribed", LATENCY_EVENTS);
  await subscribeAll(ctx, receiverUrl);
  const expected = (events: number) => events * INTEGRATIONS;

  const runSetup = async (label: string, workerPids: () => number[]) => {
    await drain(arrivals, 0); // nothing left over
    arrivals.length = 0;
    await paced("bench.warm", 20); // warms the delivery path
    await waitForArrivals(arrivals, expected(20));
    arrivals.length = 0;
    const cpuBefore = cpuOf(portal.pid!, workerPids());
    const ingestLat = await paced("bench.fanout", LATENCY_EVENTS);
    await waitForArrivals(arrivals, expected(LATENCY_EVENTS));
    const latency = arrivals.map((a) => a.at - ingestStarted.get(a.eventId)!);
    arrivals.length = 0;

    const throughputEvents = EVENTS - LATENCY_EVENTS;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next++ < throughputEvents) await ingest("bench.fanout");
      }),
    );
    await waitForArrivals(arrivals, expected(throughputEvents));
    const wall = Math.max(...arrivals.map((a) => a.at)) - started;
    const cpuAfter = cpuOf(portal.pid!, workerPids());
    const deliveries = expected(EVENTS);
    return {
      label,
      ingestLat,
      latency,
      throughput: (expected(throughputEvents) / wall) * 1000,
      cpu: {
        portal: (cpuAfter.portal - cpuBefore.portal) / deliveries,
        workers: (cpuAfter.workers - cpuBefore.workers) / deliveries,
        database: (cpuAfter.database - cpuBefore.database) / deliveries,
      },
    };
  };

  const inProcess = await runSetup("1 worker (in the portal)", () => []);
  const direct = await sendDirect(receiverUrl, expected(EVENTS), CONCURRENCY);
  const fairness = await slowNeighbour(ctx, ingest, ingestStarted);

  // --- the same with 2 worker processes beside a portal that runs none
  await stopPortal(portal);
  process.env.PORTAL_WORKER = "0";
  portal = await startPortal(url);
  const workers = await Promise.all([startWorker(), startWorker()]);
  const twoWorkers = await runSetup("2 worker processes", () => workers.map((w) => w.pid!));
  const direct2 = await sendDirect(receiverUrl, expected(EVENTS), CONCURRENCY * 2);
  for (const w of workers) w.kill("SIGTERM");
  await stopPortal(portal);

  const f = (x: number) => x.toFixed(1);
  console.log(
    `\nbench:fanout — ${INTEGRATIONS} subscribed integrations, ${EVENTS} events → ${expected(EVENTS)} deliveries, receiver answers after ${RECEIVER_DELAY_MS} ms, ${CONCURRENCY} deliveries at once per worker\n`,
  );
  console.log(`ingest with no subscription (paced): p50 ${f(percentile(baseline, 50))} ms  p99 ${f(percentile(baseline, 99))} ms`);
  for (const [r, d] of [
    [inProcess, direct],
    [twoWorkers, direct2],
  ] as const) {
    const ingestRatio = percentile(r.ingestLat, 50) / percentile(baseline, 50);
    console.log(`\n${r.label}`);
    console.log(
      `  ingest API (10 deliveries queued each): p50 ${f(percentile(r.ingestLat, 50))} ms  p99 ${f(percentile(r.ingestLat, 99))} ms | ratio to no subscription p50 ${ingestRatio.toFixed(3)} (target ≤ 1.3 → ${ingestRatio <= 1.3 ? "met" : "NOT met"})`,
    );
    console.log(
      `  event → receiver: p50 ${f(percentile(r.latency, 50))} ms  p99 ${f(percentile(r.latency, 99))} ms (target p50 ≤ 30 ms → ${percentile(r.latency, 50) <= 30 ? "met" : "NOT met"})`,
    );
    console.log(
      `  deliveries per second: portal ${f(r.throughput)}/s | direct ${f(d)}/s at ${d === direct2 ? CONCURRENCY * 2 : CONCURRENCY} in flight | ratio ${(r.throughput / d).toFixed(3)} (target ≥ 0.8 → ${r.throughput / d >= 0.8 ? "met" : "NOT met"})`,
    );
    console.log(
      `  CPU per delivery: portal ${r.cpu.portal.toFixed(2)} ms + workers ${r.cpu.workers.toFixed(2)} ms + PostgreSQL ${r.cpu.database.toFixed(2)} ms`,
    );
  }

  const fairRatio = percentile(fairness.slow, 50) / percentile(fairness.fast, 50);
  console.log(
    `\none receiver hanging until its 3 s timeout beside a fast one (${fairness.fast.length} events each run, paced ${PACE_MS} ms):`,
  );
  console.log(
    `  the fast integration's event → receiver: both fast p50 ${f(percentile(fairness.fast, 50))} ms  p99 ${f(percentile(fairness.fast, 99))} ms | beside the hanging one p50 ${f(percentile(fairness.slow, 50))} ms  p99 ${f(percentile(fairness.slow, 99))} ms | ratio ${fairRatio.toFixed(3)} (target ≤ 1.2 → ${fairRatio <= 1.2 ? "met" : "NOT met"})`,
  );

  receiver.close();
  await api.close();
  const { disconnectDb } = await import("../lib/db.ts");
  await disconnectDb();
  await database.stop();
  process.exit(0);
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
    await createSubscription({ ctx, integrationId: integration.id, input: { eventTypes: ["fair.*"], disableAfterFailures: 1000 } });
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

async function setUpUser() {
  const { db } = await import("../lib/db.ts");
  const { generateApiToken } = await import("../lib/tokens/token-hash.ts");
  const user = await db.user.create({
    data: { email: "bench@bench.test", name: "Bench", passwordHash: "-", isAdmin: true, canTriggerIntegrations: true },
  });
  const ctx = {
    actor: { id: user.id, email: user.email, name: user.name, isAdmin: true, canTriggerIntegrations: true },
    via: "system" as const,
  };
  const { token, hash, prefix } = generateApiToken();
  await db.apiToken.create({
    data: { userId: user.id, name: "bench", tokenHash: hash, prefix, scopes: ["read", "events:write", "trigger", "admin"] },
  });
  return { token, ctx };
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

function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.on("exit", () => child.kill("SIGKILL"));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("running") && resolve(child));
    child.once("exit", () => reject(new Error("worker exited")));
  });
}

async function waitForArrivals(arrivals: Arrival[], n: number) {
  const end = Date.now() + 300_000;
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
