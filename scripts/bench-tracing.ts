/**
 * npm run bench:tracing — what OpenTelemetry tracing costs automatic deliveries.
 *
 * The bench:fanout set-up, focused: 10 integrations subscribed to one event type, a local receiver
 * answering after 20 ms, a portal running no worker and one `npm run worker` process (10
 * deliveries at once). Each run ingests BENCH_EVENTS events (300 → 3,000 deliveries) through the
 * API, 4 at a time, and measures the CPU (user + system) the portal, the worker and PostgreSQL
 * spent per delivery. Runs alternate between tracing off (no OTEL_* variable) and on (both
 * processes exporting over OTLP/HTTP to a receiver started here that decodes every span), with
 * portal and worker restarted for each, BENCH_ROUNDS (3) times each, so that drift hits both.
 * Prints the two side by side with the ratio and its target (on ≤ 1.10 × off), and the same for
 * the two Node processes alone (PostgreSQL does the same work either way: its share is noise).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, request } from "undici";
import { startOtlpReceiver } from "../lib/testing/otlp-receiver.ts";
import { benchEnvironment, descends, processTable, setUpBenchAdmin, startPortal, startWorker, stopPortal } from "./lib/bench.ts";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const INTEGRATIONS = 10;
const RECEIVER_DELAY_MS = 20;
const CONCURRENCY = 10;

type Mode = "off" | "on";

async function main() {
  const { database, port } = await benchEnvironment("tracing", () => ({
    PORTAL_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    PORTAL_WORKER_CONCURRENCY: String(CONCURRENCY),
    PORTAL_WORKER: "0",
  }));
  const otlp = await startOtlpReceiver();
  let arrivals = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      arrivals++;
      setTimeout(() => res.end("ok"), RECEIVER_DELAY_MS);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const { token, ctx } = await setUpBenchAdmin(["read", "events:write", "admin"]);
  await subscribeAll(ctx, receiverUrl);

  const url = `http://127.0.0.1:${port}`;
  const api = new Agent({ connections: 8 });
  let seq = 0;
  const ingest = async () => {
    const res = await request(`${url}/api/v1/events`, {
      method: "POST",
      dispatcher: api,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "bench.traced", title: `Bench event ${++seq}`, severity: "high", source: "bench", details: { n: seq } }),
    });
    const body = await res.body.text();
    if (res.statusCode !== 201) throw new Error(`ingest answered ${res.statusCode}: ${body}`);
  };
  const burst = async (n: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next++ < n) await ingest();
      }),
    );
  };
  const waitForArrivals = async (n: number) => {
    const end = Date.now() + 300_000;
    while (arrivals < n) {
      if (Date.now() > end) throw new Error(`only ${arrivals} of ${n} deliveries arrived`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  const run = async (mode: Mode) => {
    if (mode === "on") process.env.OTEL_EXPORTER_OTLP_ENDPOINT = otlp.url;
    else delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    const portal = await startPortal(url);
    const worker = await startWorker();
    arrivals = 0;
    await burst(20); // warms both processes' delivery paths
    await waitForArrivals(20 * INTEGRATIONS);
    await new Promise((r) => setTimeout(r, 500));
    arrivals = 0;
    const spansBefore = otlp.spans.length;
    const before = cpuOf(portal.pid!, worker.child.pid!);
    const started = performance.now();
    await burst(EVENTS);
    await waitForArrivals(EVENTS * INTEGRATIONS);
    const wall = performance.now() - started;
    await new Promise((r) => setTimeout(r, 300)); // the last outcomes are written
    const after = cpuOf(portal.pid!, worker.child.pid!);
    const deliveries = EVENTS * INTEGRATIONS;
    await worker.stop();
    await stopPortal(portal); // both flush their spans on the way out
    return {
      mode,
      throughput: (deliveries / wall) * 1000,
      portal: (after.portal - before.portal) / deliveries,
      worker: (after.worker - before.worker) / deliveries,
      database: (after.database - before.database) / deliveries,
      spans: otlp.spans.length - spansBefore,
    };
  };

  const results: Awaited<ReturnType<typeof run>>[] = [];
  for (let i = 0; i < ROUNDS; i++) for (const mode of ["off", "on"] as const) results.push(await run(mode));

  const mean = (mode: Mode, key: "portal" | "worker" | "database" | "throughput") => {
    const xs = results.filter((r) => r.mode === mode).map((r) => r[key]);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const total = (mode: Mode) => mean(mode, "portal") + mean(mode, "worker") + mean(mode, "database");
  const line = (mode: Mode) =>
    `tracing ${mode.padEnd(3)}: CPU per delivery portal ${mean(mode, "portal").toFixed(3)} + worker ${mean(mode, "worker").toFixed(3)} + PostgreSQL ${mean(mode, "database").toFixed(3)} = ${total(mode).toFixed(3)} ms | ${mean(mode, "throughput").toFixed(0)} deliveries/s`;
  console.log(
    `\nbench:tracing — ${INTEGRATIONS} subscribed integrations, ${EVENTS} events → ${EVENTS * INTEGRATIONS} deliveries a run, receiver answers after ${RECEIVER_DELAY_MS} ms, 1 worker process (${CONCURRENCY} at once), ${ROUNDS} runs each, alternating\n`,
  );
  for (const r of results)
    console.log(
      `  run tracing ${r.mode.padEnd(3)}: ${(r.portal + r.worker + r.database).toFixed(3)} ms CPU per delivery, ${r.throughput.toFixed(0)}/s, ${r.spans} spans received`,
    );
  console.log(`\n${line("off")}\n${line("on")}`);
  const ratio = total("on") / total("off");
  const spansPerDelivery = results.filter((r) => r.mode === "on").reduce((a, r) => a + r.spans, 0) / (ROUNDS * EVENTS * INTEGRATIONS);
  const node = (mode: Mode) => mean(mode, "portal") + mean(mode, "worker");
  console.log(
    `ratio on/off ${ratio.toFixed(3)} (target ≤ 1.10 → ${ratio <= 1.1 ? "met" : "NOT met"}) | portal + worker alone: ${node("off").toFixed(3)} → ${node("on").toFixed(3)} ms, ratio ${(node("on") / node("off")).toFixed(3)} | spans exported per delivery with tracing on: ${spansPerDelivery.toFixed(2)}`,
  );

  receiver.close();
  await otlp.close();
  await api.close();
  const { disconnectDb } = await import("../lib/db.ts");
  await disconnectDb();
  await database.stop();
  process.exit(0);
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
    // Half of them send traceparent: that path is measured too.
    await saveWebhookConfig({
      ctx,
      integrationId: integration.id,
      input: { url: receiverUrl, enabled: true, timeoutSeconds: 10, bearerToken: "bench-token-0000", sendTraceparent: i % 2 === 0 },
    });
    await createSubscription({ ctx, integrationId: integration.id, input: { eventTypes: ["bench.*"], retrySchedule: null } });
  }
}

/** CPU ms (user + system) of the portal and its children, of the worker process, and of this benchmark's PostgreSQL. */
function cpuOf(portalPid: number, workerPid: number) {
  const procs = processTable();
  let portal = 0;
  let worker = 0;
  let database = 0;
  for (const [pid, p] of procs) {
    if (descends(procs, pid, portalPid)) portal += p.ms;
    else if (descends(procs, pid, workerPid)) worker += p.ms;
    else if (p.comm === "postgres" && descends(procs, pid, process.pid)) database += p.ms;
  }
  return { portal, worker, database };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
