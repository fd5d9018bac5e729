/**
 * npm run bench:trigger — what the portal adds to a webhook delivery.
 *
 * A local receiver answers every POST after 20 ms. The same number of equally signed POSTs is
 * sent (a) through the portal's trigger API (auth, checks, pending attempt committed, delivery,
 * outcome recorded) and (b) directly with undici from this process, 300 one after another and
 * 300 with 16 in flight, interleaved by round so that machine noise hits both sides alike.
 * Prints p50/p99 latency and throughput of each and their ratios. Targets: p50 ratio ≤ 1.15,
 * concurrent throughput ≥ 0.8 of direct.
 */
import { DEFAULT_WORKSPACE } from "../lib/workspaces/scope.ts";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, request } from "undici";
import { benchEnvironment, cpuTimes, percentile, startPortal, stopPortal, type CpuTimes } from "./lib/bench.ts";

const COUNT = Number(process.env.BENCH_COUNT ?? 300);
const CONCURRENCY = 16;
const RECEIVER_DELAY_MS = Number(process.env.BENCH_RECEIVER_DELAY_MS ?? 20);

async function main() {
  const { database, port: portalPort } = await benchEnvironment("bench", () => ({
    PORTAL_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    PORTAL_TRIGGER_RATE_LIMIT: "1000000",
  }));

  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => setTimeout(() => res.end("ok"), RECEIVER_DELAY_MS));
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const { integrationId, token, secrets, bearer } = await setUp(receiverUrl);
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE] : [];
  const portal = await startPortal(portalUrl(portalPort), profile);

  const { buildRequestHeaders } = await import("../lib/delivery/request-headers.ts");
  const { newMessageId } = await import("../lib/webhooks/signing.ts");
  const apiClient = new Agent({ connections: CONCURRENCY * 2 });
  const direct = new Agent({ connections: CONCURRENCY * 2 });

  const viaPortal = async () => {
    const res = await request(`${portalUrl(portalPort)}/api/v1/integrations/${integrationId}/trigger`, {
      method: "POST",
      dispatcher: apiClient,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: '{"mode":"default"}',
    });
    const body = (await res.body.json()) as { status: string };
    if (res.statusCode !== 201 || body.status !== "succeeded")
      throw new Error(`trigger answered ${res.statusCode}: ${JSON.stringify(body)}`);
  };
  const sendDirect = async () => {
    const { headers } = buildRequestHeaders({
      messageId: newMessageId(),
      body: "",
      secrets,
      bearerToken: bearer,
      userAgent: "bench",
      now: new Date(),
    });
    const res = await request(receiverUrl, { method: "POST", dispatcher: direct, headers, body: "" });
    await res.body.text();
    if (res.statusCode !== 200) throw new Error(`receiver answered ${res.statusCode}`);
  };

  if (process.env.BENCH_PROBE) {
    const me = async () => {
      const r = await request(`${portalUrl(portalPort)}/api/v1/me`, {
        dispatcher: apiClient,
        headers: { authorization: `Bearer ${token}` },
      });
      await r.body.text();
    };
    for (let i = 0; i < 50; i++) await me();
    const lat = await sequential(me, 200);
    console.log(`GET /api/v1/me p50 ${percentile(lat, 50).toFixed(2)} ms p99 ${percentile(lat, 99).toFixed(2)} ms`);
  }
  // Warm up both paths (JIT of the sequential and the concurrent code paths, connection pools,
  // Next's route compilation cache) before measuring either.
  for (let i = 0; i < 100; i++) await Promise.all([viaPortal(), sendDirect()]);
  for (const send of [viaPortal, sendDirect]) await concurrent(send, 1000, CONCURRENCY);

  const results = {
    portal: { seq: [] as number[], conc: [] as number[], concWall: 0 },
    direct: { seq: [] as number[], conc: [] as number[], concWall: 0 },
  };
  const cpu = { portal: zeroCpu(), direct: zeroCpu() };
  const rounds = 3;
  for (let round = 0; round < rounds; round++) {
    for (const [name, send] of [
      ["portal", viaPortal],
      ["direct", sendDirect],
    ] as const) {
      const before = cpuTimes(portal.pid!);
      results[name].seq.push(...(await sequential(send, COUNT / rounds)));
      const { latencies, wallMs } = await concurrent(send, COUNT / rounds, CONCURRENCY);
      results[name].conc.push(...latencies);
      results[name].concWall += wallMs;
      addCpu(cpu[name], before, cpuTimes(portal.pid!));
    }
  }

  const seqWall = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const line = (label: string, p: number[], d: number[], pWall: number, dWall: number) => {
    const [pp50, dp50] = [percentile(p, 50), percentile(d, 50)];
    const [pp99, dp99] = [percentile(p, 99), percentile(d, 99)];
    const [pThr, dThr] = [(p.length / pWall) * 1000, (d.length / dWall) * 1000];
    console.log(
      `${label.padEnd(22)} portal p50 ${pp50.toFixed(1)} ms  p99 ${pp99.toFixed(1)} ms  ${pThr.toFixed(1)}/s | direct p50 ${dp50.toFixed(1)} ms  p99 ${dp99.toFixed(1)} ms  ${dThr.toFixed(1)}/s | p50 ratio ${(pp50 / dp50).toFixed(3)}  p99 ratio ${(pp99 / dp99).toFixed(3)}  throughput ratio ${(pThr / dThr).toFixed(3)}`,
    );
    return { p50Ratio: pp50 / dp50, throughputRatio: pThr / dThr };
  };
  console.log(`\nbench:trigger — ${COUNT} deliveries per mode, receiver answers after ${RECEIVER_DELAY_MS} ms\n`);
  const seq = line("sequential", results.portal.seq, results.direct.seq, seqWall(results.portal.seq), seqWall(results.direct.seq));
  const conc = line(
    `concurrent (${CONCURRENCY} at a time)`,
    results.portal.conc,
    results.direct.conc,
    results.portal.concWall,
    results.direct.concWall,
  );
  const perDelivery = (ms: number) => (ms / (2 * COUNT)).toFixed(2);
  if (cpuTimes(portal.pid!)) {
    console.log(
      `CPU per delivery: portal ${perDelivery(cpu.portal.portal)} ms + database ${perDelivery(cpu.portal.database)} ms + this process ${perDelivery(cpu.portal.bench)} ms (API client and receiver) | direct: this process ${perDelivery(cpu.direct.bench)} ms`,
    );
  }
  console.log(
    `\ntargets: sequential p50 ratio ≤ 1.15 → ${seq.p50Ratio <= 1.15 ? "met" : "NOT met"}; concurrent throughput ≥ 0.8 of direct → ${conc.throughputRatio >= 0.8 ? "met" : "NOT met"}`,
  );

  await stopPortal(portal);
  receiver.close();
  await Promise.all([apiClient.close(), direct.close()]);
  const { disconnectDb } = await import("../lib/db.ts");
  await disconnectDb();
  await database.stop();
}

const zeroCpu = (): CpuTimes => ({ portal: 0, database: 0, bench: 0 });
function addCpu(sum: CpuTimes, before: CpuTimes | null, after: CpuTimes | null) {
  if (!before || !after) return;
  for (const key of ["portal", "database", "bench"] as const) sum[key] += after[key] - before[key];
}

const portalUrl = (port: number) => `http://127.0.0.1:${port}`;

async function setUp(receiverUrl: string) {
  const { db } = await import("../lib/db.ts");
  const { createIntegration } = await import("../lib/integrations/create-integration.ts");
  const { saveWebhookConfig } = await import("../lib/integrations/save-webhook-config.ts");
  const { getWebhookForDelivery } = await import("../lib/integrations/internal/webhook-for-delivery.ts");
  const { generateApiToken } = await import("../lib/tokens/token-hash.ts");
  const user = await db.user.create({
    data: { email: "bench@bench.test", name: "Bench", passwordHash: "-", isAdmin: true, canTriggerIntegrations: true },
  });
  const ctx = {
    actor: { id: user.id, email: user.email, name: user.name, isAdmin: true, canTriggerIntegrations: true, isInstanceAdmin: true },
    workspace: DEFAULT_WORKSPACE,
    via: "system" as const,
  };
  const integration = await createIntegration({ ctx, input: { name: "Bench receiver", platform: "custom" } });
  await saveWebhookConfig({
    ctx,
    integrationId: integration.id,
    input: { url: receiverUrl, enabled: true, timeoutSeconds: 10, bearerToken: "bench-token-0000" },
  });
  const { token, hash, prefix } = generateApiToken();
  await db.apiToken.create({
    data: { userId: user.id, name: "bench", tokenHash: hash, prefix, scopes: ["read", "events:write", "trigger", "admin"] },
  });
  const target = await getWebhookForDelivery(integration.id);
  return { integrationId: integration.id, token, secrets: target.secrets, bearer: target.bearerToken };
}

async function sequential(send: () => Promise<void>, n: number) {
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) latencies.push(await timed(send));
  return latencies;
}

async function concurrent(send: () => Promise<void>, n: number, inFlight: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < n) latencies.push(await timed(send));
    }),
  );
  return { latencies, wallMs: performance.now() - started };
}

async function timed(send: () => Promise<void>) {
  const t = performance.now();
  await send();
  return performance.now() - t;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
