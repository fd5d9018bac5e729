/**
 * npm run bench:transform — what a transformation costs each automatic delivery, in CPU.
 *
 * Two sets of 10 integrations subscribed to an event type each, on one scratch PostgreSQL: one set
 * without a transformation, the other with a typical one (n8n-style: three fields at the top level
 * and a header). Events are ingested through the real verb (createEvent: the fan-out, where the
 * transformation runs, inside the ingest transaction), and every delivery they queue is sent with
 * the worker's own dispatcher (lib/delivery/dispatch.ts: claims, signing, the overrides, the request, the outcome batches) to a
 * receiver on loopback. The two sets alternate, round after round, in one process, and the CPU this
 * process spends (process.cpuUsage: ingest + send; the receiver's share is the same for both) is
 * divided by the deliveries. Knobs: BENCH_EVENTS per set (400), BENCH_ROUNDS (4).
 */
import { DEFAULT_WORKSPACE } from "../lib/workspaces/scope.ts";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { benchEnvironment } from "./lib/bench.ts";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const INTEGRATIONS = 10;
const IN_FLIGHT = 10;

/** The typical transformation: what an n8n workflow wants at the top level, and a routing header. */
const TYPICAL = `function handler(webhook) {
  const event = webhook.payload.data.event;
  webhook.payload = { id: event.id, type: webhook.eventType, title: event.title, region: event.details.region };
  webhook.headers["x-event-type"] = webhook.eventType;
  return webhook;
}`;

async function main() {
  const { database } = await benchEnvironment("transform", () => ({ PORTAL_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" }));
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.end("ok"));
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const { db } = await import("../lib/db.ts");
  const { createEvent } = await import("../lib/events/create-event.ts");
  const { createIntegration } = await import("../lib/integrations/create-integration.ts");
  const { saveWebhookConfig } = await import("../lib/integrations/save-webhook-config.ts");
  const { createSubscription } = await import("../lib/subscriptions/create-subscription.ts");
  const { saveTransformation } = await import("../lib/transformations/save-transformation.ts");
  const { Dispatcher } = await import("../lib/delivery/dispatch.ts");
  const { stopQueue } = await import("../lib/jobs/queue.ts");

  const user = await db.user.create({
    data: { email: "bench@bench.test", name: "Bench", passwordHash: "-", isAdmin: true, canTriggerIntegrations: true },
  });
  const ctx = {
    actor: { id: user.id, email: user.email, name: user.name, isAdmin: true, canTriggerIntegrations: true, isInstanceAdmin: true },
    workspace: DEFAULT_WORKSPACE,
    via: "system" as const,
  };

  const setUp = async (family: string, code: string | null) => {
    for (let i = 0; i < INTEGRATIONS; i++) {
      const integration = await createIntegration({ ctx, input: { name: `${family} ${i}`, platform: "n8n" } });
      await saveWebhookConfig({ ctx, integrationId: integration.id, input: { url: receiverUrl, enabled: true, timeoutSeconds: 10 } });
      await createSubscription({ ctx, integrationId: integration.id, input: { eventTypes: [`${family}.*`] } });
      if (code) await saveTransformation({ ctx, integrationId: integration.id, input: { code } });
    }
  };
  await setUp("plain", null);
  await setUp("shaped", TYPICAL);

  let seq = 0;
  /** Ingests `n` events of the family and sends every delivery they queue; returns CPU ms and deliveries. */
  const run = async (family: string, n: number) => {
    const before = process.cpuUsage();
    const attemptIds: string[] = [];
    for (let i = 0; i < n; i++) {
      const event = await createEvent({
        ctx,
        input: {
          type: `${family}.paid`,
          title: `Order ${++seq} paid`,
          severity: "high",
          source: "bench",
          details: { n: seq, region: "eu" },
        },
      });
      const rows = await db.attempt.findMany({ where: { eventId: event.id, status: "queued" }, select: { id: true } });
      attemptIds.push(...rows.map((r) => r.id));
    }
    const dispatcher = new Dispatcher(IN_FLIGHT);
    await dispatcher.handle([{ id: "bench", data: { attemptIds } }]);
    await dispatcher.drain(120_000);
    const sent = await db.attempt.count({ where: { id: { in: attemptIds }, status: "succeeded" } });
    if (sent !== attemptIds.length) throw new Error(`${attemptIds.length - sent} deliveries did not succeed`);
    const used = process.cpuUsage(before);
    return { cpuMs: (used.user + used.system) / 1000, deliveries: sent };
  };

  // Warm-up: the WebAssembly module, compiled contexts, query plans, connections.
  await run("plain", 20);
  await run("shaped", 20);
  const totals = { plain: { cpuMs: 0, deliveries: 0 }, shaped: { cpuMs: 0, deliveries: 0 } };
  const perRound: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (["plain", "shaped"] as const) : (["shaped", "plain"] as const);
    const results: Record<string, number> = {};
    for (const family of order) {
      const r = await run(family, EVENTS / ROUNDS);
      totals[family].cpuMs += r.cpuMs;
      totals[family].deliveries += r.deliveries;
      results[family] = r.cpuMs / r.deliveries;
    }
    perRound.push(`  round ${round + 1}: without ${results.plain.toFixed(3)} ms, with ${results.shaped.toFixed(3)} ms per delivery`);
  }

  // The function alone, on a body as fan-out builds it: with its kept context, and compiled afresh each time.
  const { applyTransformation } = await import("../lib/transformations/apply.ts");
  const sample = await db.message.findFirstOrThrow({ where: { integrationName: "plain 0" }, select: { body: true } });
  const request = { eventType: "shaped.paid", body: sample.body, shownUrl: receiverUrl, method: "POST" as const };
  const alone = async (runs: number, key: (i: number) => string) => {
    const before = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const outcome = await applyTransformation({ id: key(i), code: TYPICAL }, request);
      if (outcome.kind !== "transformed") throw new Error(JSON.stringify(outcome));
    }
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / runs;
  };
  const kept = await alone(4000, () => "kept");
  const fresh = await alone(1000, (i) => `fresh-${i}`);

  const plain = totals.plain.cpuMs / totals.plain.deliveries;
  const shaped = totals.shaped.cpuMs / totals.shaped.deliveries;
  console.log(
    `\nbench:transform — ${INTEGRATIONS} integrations per set, ${EVENTS} events per set → ${totals.plain.deliveries} deliveries each, ingest (fan-out) + send in one process\n`,
  );
  console.log(perRound.join("\n"));
  console.log(`\n  CPU per delivery without a transformation: ${plain.toFixed(3)} ms`);
  console.log(`  CPU per delivery with a typical transformation: ${shaped.toFixed(3)} ms`);
  console.log(`  difference: ${(shaped - plain).toFixed(3)} ms per delivery (budget: 0.300 ms)`);
  console.log(`\n  the transformation alone, its compiled context kept: ${kept.toFixed(3)} ms per run`);
  console.log(`  the transformation alone, a new context each run: ${fresh.toFixed(3)} ms per run\n`);

  await stopQueue(1000);
  receiver.close();
  await db.$disconnect();
  await database.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
