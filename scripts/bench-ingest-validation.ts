/**
 * npm run bench:validation — what enforcing an event type's schema costs ingestion.
 *
 * A real portal (`scripts/start.ts`, production build) on a scratch PostgreSQL. Two event types
 * carry the same typical schema (an order: nested objects, an array of line objects, enums, a
 * date-time, optional keys; ~430 B of details): one with validation off, one with enforce. Events
 * are ingested through POST /api/v1/events one at a time, alternating between the two types so
 * that drift on a shared machine hits both alike: BENCH_WARMUP (50) each first, then BENCH_EVENTS
 * (400) each measured. Prints p50 and p99 per mode and the p50 ratio enforce / off (target ≤ 1.1),
 * and the same ingest for a type with no schema at all, for reference.
 */
import { DEFAULT_WORKSPACE } from "../lib/workspaces/scope.ts";
import { Agent, request } from "undici";
import { benchEnvironment, percentile, startPortal, stopPortal } from "./lib/bench.ts";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 400);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);

const SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    order: {
      type: "object",
      properties: {
        id: { type: "string" },
        total: { type: "number", minimum: 0 },
        currency: { type: "string", enum: ["EUR", "USD", "GBP"] },
        placedAt: { type: "string", format: "date-time" },
        status: { type: "string", enum: ["paid", "refunded", "disputed"] },
      },
      required: ["id", "total", "currency", "placedAt", "status"],
    },
    customer: {
      type: "object",
      properties: {
        id: { type: "integer" },
        email: { type: "string", format: "email" },
        vip: { type: "boolean" },
        note: { type: ["string", "null"] },
      },
      required: ["id", "email", "vip"],
    },
    lines: {
      type: "array",
      maxItems: 100,
      items: {
        type: "object",
        properties: {
          sku: { type: "string" },
          qty: { type: "integer", minimum: 1 },
          price: { type: "number" },
          giftWrap: { type: "boolean" },
        },
        required: ["sku", "qty", "price"],
      },
    },
    channel: { type: "string", enum: ["web", "store", "phone"] },
    coupon: { type: ["string", "null"] },
  },
  required: ["order", "customer", "lines", "channel"],
};

const details = (n: number) => ({
  order: { id: `ord_${n}`, total: 120.5 + n, currency: "EUR", placedAt: new Date().toISOString(), status: "paid" },
  customer: { id: n, email: `customer${n}@example.com`, vip: n % 7 === 0, note: n % 3 === 0 ? "call first" : null },
  lines: Array.from({ length: 5 }, (_, i) => ({
    sku: `SKU-${i}`,
    qty: 1 + (i % 3),
    price: 9.99 * (i + 1),
    ...(i === 2 && { giftWrap: true }),
  })),
  channel: n % 2 === 0 ? "web" : "store",
  coupon: n % 5 === 0 ? "WINTER" : null,
});

async function main() {
  const { database, port } = await benchEnvironment("validation", () => ({ PORTAL_WORKER: "0" }));
  const token = await setUp();
  const url = `http://127.0.0.1:${port}`;
  const portal = await startPortal(url);
  const api = new Agent({ connections: 2 });
  let seq = 0;
  const ingest = async (type: string) => {
    const n = ++seq;
    const t = performance.now();
    const res = await request(`${url}/api/v1/events`, {
      method: "POST",
      dispatcher: api,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ type, title: `Order ${n} paid`, severity: "info", source: "bench", details: details(n) }),
    });
    const body = await res.body.text();
    if (res.statusCode !== 201) throw new Error(`ingest of ${type} answered ${res.statusCode}: ${body}`);
    return performance.now() - t;
  };

  const types = ["bench.order.off", "bench.order.enforce", "bench.order.none"] as const;
  const samples: Record<(typeof types)[number], number[]> = { "bench.order.off": [], "bench.order.enforce": [], "bench.order.none": [] };
  for (let i = 0; i < WARMUP; i++) for (const type of types) await ingest(type);
  for (let i = 0; i < EVENTS; i++) {
    // Rotate which type goes first, so none always follows the same one.
    for (let k = 0; k < types.length; k++) {
      const type = types[(i + k) % types.length];
      samples[type].push(await ingest(type));
    }
  }
  await stopPortal(portal);
  await database.stop();

  const f = (x: number) => x.toFixed(2);
  const off = samples["bench.order.off"];
  const enforce = samples["bench.order.enforce"];
  const none = samples["bench.order.none"];
  const ratio = percentile(enforce, 50) / percentile(off, 50);
  console.log(
    `\nbench:validation — ${EVENTS} events per mode after ${WARMUP} of warm-up, one at a time, ~${JSON.stringify(details(1)).length} B of details`,
  );
  console.log(`  no schema:          p50 ${f(percentile(none, 50))} ms  p99 ${f(percentile(none, 99))} ms`);
  console.log(`  schema, off:        p50 ${f(percentile(off, 50))} ms  p99 ${f(percentile(off, 99))} ms`);
  console.log(`  schema, enforce:    p50 ${f(percentile(enforce, 50))} ms  p99 ${f(percentile(enforce, 99))} ms`);
  console.log(`  p50 ratio enforce / off: ${ratio.toFixed(3)} (target ≤ 1.1 → ${ratio <= 1.1 ? "met" : "NOT met"})`);
  console.log(`  p50 ratio enforce / no schema: ${(percentile(enforce, 50) / percentile(none, 50)).toFixed(3)}`);
}

/** An admin with a token, and the two types with the same schema: one validated off, one enforced. */
async function setUp() {
  const { db } = await import("../lib/db.ts");
  const { generateApiToken } = await import("../lib/tokens/token-hash.ts");
  const { updateEventType } = await import("../lib/event-types/update-event-type.ts");
  const user = await db.user.create({
    data: { email: "bench@bench.test", name: "Bench", passwordHash: "-", isAdmin: true, canTriggerIntegrations: false },
  });
  const ctx = {
    actor: { id: user.id, email: user.email, name: user.name, isAdmin: true, canTriggerIntegrations: false, isInstanceAdmin: true },
    workspace: DEFAULT_WORKSPACE,
    via: "system" as const,
  };
  const { token, hash, prefix } = generateApiToken();
  await db.apiToken.create({
    data: { userId: user.id, name: "bench", tokenHash: hash, prefix, scopes: ["read", "events:write", "admin"] },
  });
  await updateEventType({ ctx, name: "bench.order.off", input: { schema: SCHEMA, validation: "off" } });
  await updateEventType({ ctx, name: "bench.order.enforce", input: { schema: SCHEMA, validation: "enforce" } });
  await db.$disconnect();
  return token;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
