import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createEventInput, type CreateEventInput } from "./schemas";
import { DEFAULT_WORKSPACE_ID, inWorkspace } from "@/lib/workspaces/scope";

type DemoEvent = Omit<CreateEventInput, "occurredAt">;

const SKUS = ["TSHIRT-BLK-M", "MUG-WHT", "HOODIE-NVY-L", "CAP-RED", "POSTER-A2"];
const SERVICES = ["checkout-api", "search", "payments-worker", "storefront"];
const pick = <T>(list: T[], i: number) => list[i % list.length];

/** Kinds of demo event; each is made a few times with varied details (i = 0, 1, 2 …). */
const TEMPLATES: ((i: number) => DemoEvent)[] = [
  (i) => ({
    type: "order.failed",
    severity: i % 2 ? "medium" : "high",
    source: "demo-shop",
    title: `Demo: payment declined for order D-${10480 + i}`,
    details: {
      order: {
        id: `D-${10480 + i}`,
        total: { amount: 49.9 + i * 20, currency: "EUR" },
        items: [
          { sku: pick(SKUS, i), quantity: 1 + (i % 3) },
          { sku: pick(SKUS, i + 2), quantity: 1 },
        ],
      },
      payment: { provider: "stripe", declineCode: pick(["insufficient_funds", "card_expired", "do_not_honor"], i), attempt: 1 + (i % 3) },
      customer: { id: `cus_demo_${7730 + i}`, country: pick(["DE", "FR", "NL", "US"], i), returning: i % 2 === 0 },
    },
  }),
  (i) => ({
    type: "order.refunded",
    severity: "low",
    source: "demo-shop",
    title: `Demo: order D-${10390 + i} refunded`,
    details: {
      order: { id: `D-${10390 + i}` },
      refund: { amount: 19.5 + i * 7, currency: "EUR", reason: pick(["damaged_in_transit", "wrong_size", "customer_request"], i) },
      approvedBy: "demo-support-bot",
    },
  }),
  (i) => ({
    type: "inventory.low",
    severity: "medium",
    source: "demo-shop",
    title: `Demo: stock low for ${pick(SKUS, i + 1)} (${3 + i} left)`,
    details: {
      sku: pick(SKUS, i + 1),
      warehouse: pick(["BER-1", "AMS-2"], i),
      onHand: 3 + i,
      reorderPoint: 10,
      supplier: { name: "Demo Textiles Ltd", leadTimeDays: 5 },
    },
  }),
  (i) => ({
    type: "incident.opened",
    severity: i === 0 ? "critical" : "high",
    source: "demo-monitoring",
    title: `Demo: ${pick(SERVICES, i)} error rate above 5%`,
    details: {
      service: pick(SERVICES, i),
      region: pick(["eu-west-1", "us-east-1"], i),
      metric: { name: "http_5xx_rate", value: 0.061 + i * 0.013, threshold: 0.05, window: "5m" },
      runbook: "https://runbooks.example.com/high-error-rate",
      tags: ["demo", "p1", pick(SERVICES, i)],
      onCall: null,
    },
  }),
  (i) => ({
    type: "incident.resolved",
    severity: "info",
    source: "demo-monitoring",
    title: `Demo: ${pick(SERVICES, i)} error rate back to normal`,
    details: {
      service: pick(SERVICES, i),
      durationMinutes: 14 + i * 9,
      rootCause: pick(["database failover", "bad deploy rolled back", "upstream provider outage"], i),
      postmortemRequired: i !== 1,
    },
  }),
  (i) => ({
    type: "alert.triggered",
    severity: i % 3 === 2 ? "high" : "medium",
    source: "demo-monitoring",
    title: `Demo: disk usage ${88 + i}% on db-replica-${1 + (i % 2)}`,
    details: {
      host: `db-replica-${1 + (i % 2)}`,
      mount: "/var/lib/postgresql",
      usedPercent: 88 + i,
      freeBytes: 12_884_901_888 - i * 1_073_741_824,
      trend: { last24h: "+3.1%", forecastFullInDays: 4 - (i % 3) },
    },
  }),
  (i) => ({
    type: "certificate.expiring",
    severity: "medium",
    source: "demo-monitoring",
    title: `Demo: TLS certificate for ${pick(["shop", "api", "status"], i)}.example.com expires in ${14 - i * 4} days`,
    details: {
      host: `${pick(["shop", "api", "status"], i)}.example.com`,
      issuer: "Demo CA",
      notAfter: "2031-01-15T00:00:00Z",
      autoRenew: i === 0,
    },
  }),
  (i) => ({
    type: "deploy.finished",
    severity: "info",
    source: "demo-ci",
    title: `Demo: ${pick(SERVICES, i + 3)} v2.${14 + i}.0 deployed to production`,
    details: {
      service: pick(SERVICES, i + 3),
      version: `2.${14 + i}.0`,
      commit: pick(["9f2c1ab", "e41d07c", "5b8aa92", "c03f6de"], i),
      environment: "production",
      durationSeconds: 184 + i * 31,
      changes: [`Bump dependencies (#${812 + i})`, `Faster product search (#${809 + i})`],
    },
  }),
  (i) => ({
    type: "deploy.failed",
    severity: "high",
    source: "demo-ci",
    title: `Demo: ${pick(SERVICES, i + 2)} deploy to ${pick(["staging", "production"], i)} failed`,
    details: {
      service: pick(SERVICES, i + 2),
      environment: pick(["staging", "production"], i),
      stage: "migrate",
      exitCode: 1,
      logExcerpt: ["Running migrations…", 'ERROR: relation "orders_v2" already exists'],
      rolledBack: true,
    },
  }),
  (i) => ({
    type: "invoice.payment_failed",
    severity: "medium",
    source: "demo-billing",
    title: `Demo: invoice INV-2025-${(311 + i).toString().padStart(4, "0")} could not be charged`,
    details: {
      invoice: { id: `INV-2025-${(311 + i).toString().padStart(4, "0")}`, amount: 299 + i * 100, currency: "EUR" },
      account: { id: `acct_demo_${40 + i}`, plan: pick(["team", "business"], i) },
      nextRetryInHours: 24,
    },
  }),
  (i) => ({
    type: "subscription.cancelled",
    severity: "low",
    source: "demo-billing",
    title: `Demo: account acct_demo_${52 + i} cancelled its subscription`,
    details: {
      account: { id: `acct_demo_${52 + i}`, plan: pick(["starter", "team"], i), seats: 3 + i },
      reason: pick(["too_expensive", "missing_feature", "switched_provider"], i),
      feedback: i === 1 ? "We need SSO before we can roll it out." : null,
    },
  }),
  (i) => ({
    type: "ticket.escalated",
    severity: i === 2 ? "critical" : "high",
    source: "demo-support",
    title: `Demo: ticket #${4821 + i} escalated to tier 2`,
    details: {
      ticket: {
        id: 4821 + i,
        subject: pick(["Charged twice for one order", "Cannot reset password", "Order never arrived"], i),
        priority: "urgent",
      },
      customerTier: pick(["gold", "standard"], i),
      waitingHours: 26 + i * 5,
    },
  }),
];

/** Occurrences of each template; spread over the last 14 days, the newest a few minutes ago. */
const COPIES = 3;
const SPAN_MINUTES = 14 * 24 * 60;

/**
 * On a portal whose default workspace has no event, adds a few dozen demo events to it (sources named demo-…) so that the
 * lists and triggers can be tried at once. Returns how many it added: 0 when events exist.
 */
export async function seedDemoEvents(db: PrismaClient, now = new Date()): Promise<number> {
  const events = TEMPLATES.flatMap((template, t) =>
    Array.from({ length: COPIES }, (_, i) => {
      const k = t * COPIES + i;
      const minutesAgo = 7 + ((k * 7919) % SPAN_MINUTES);
      return { ...createEventInput.parse(template(i)), occurredAt: new Date(now.getTime() - minutesAgo * 60_000) };
    }),
  );
  // Awaited inside the scope: a Prisma query runs when awaited, in the context awaiting it.
  return inWorkspace(
    DEFAULT_WORKSPACE_ID,
    async () =>
      await db.$transaction(async (tx) => {
        // Several instances starting together seed once.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(727211097)`;
        if ((await tx.event.findFirst({ select: { id: true } })) !== null) return 0;
        return (await tx.event.createMany({ data: events })).count;
      }),
  );
}
