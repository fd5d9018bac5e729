import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { makeUser } from "@/lib/testing/factories";
import { getDeliveryHistory } from "./delivery-history";

let reader: Ctx;
beforeAll(async () => {
  ({ ctx: reader } = await makeUser("reader"));
});

const NOW = new Date("2026-04-10T15:20:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

async function seed(integrationId: string, rows: { kind?: string; status: string; startedAt: Date }[]) {
  const ids = rows.map(() => `msg_${randomUUID()}`);
  // The chart is of an integration of the caller's workspace: any other id has no deliveries.
  await db.integration.createMany({
    data: [{ id: integrationId, name: "Charted", slug: `charted-${integrationId}`, platform: "custom" }],
    skipDuplicates: true,
  });
  await db.message.createMany({ data: ids.map((id) => ({ id, integrationId, integrationName: "Charted", mode: "default", body: "" })) });
  await db.attempt.createMany({
    data: rows.map((r, i) => ({
      messageId: ids[i],
      integrationId,
      integrationName: "Charted",
      mode: "default",
      kind: r.kind ?? "initial",
      status: r.status,
      startedAt: r.startedAt,
      finishedAt: ["queued", "scheduled", "pending"].includes(r.status) ? null : r.startedAt,
      timeoutSeconds: 5,
      requestUrl: "https://hooks.example/in",
      requestHeaders: {},
      requestBody: "",
    })),
  });
}

describe("getDeliveryHistory", () => {
  it("counts deliveries and failures per hour over 24 hours, every hour present, test sends aside", async () => {
    const integrationId = randomUUID();
    await seed(integrationId, [
      { status: "succeeded", startedAt: hoursAgo(0.1) },
      { status: "failed", startedAt: hoursAgo(0.2) },
      { status: "interrupted", startedAt: hoursAgo(3) },
      { status: "succeeded", startedAt: hoursAgo(3), kind: "manual_retry" },
      { status: "succeeded", startedAt: hoursAgo(3), kind: "test" },
      { status: "pending", startedAt: hoursAgo(3) },
      { status: "succeeded", startedAt: hoursAgo(30) },
    ]);
    const buckets = await getDeliveryHistory({ ctx: reader, integrationId, range: "24h", now: NOW });
    expect(buckets).toHaveLength(24);
    expect(buckets.at(-1)).toEqual({ start: new Date("2026-04-10T15:00:00Z"), succeeded: 1, failed: 1 });
    expect(buckets.find((b) => b.start.getTime() === new Date("2026-04-10T12:00:00Z").getTime())).toMatchObject({
      succeeded: 1,
      failed: 1,
    });
    expect(buckets.reduce((n, b) => n + b.succeeded + b.failed, 0)).toBe(4);
  });

  it("counts per UTC day over 7 and 30 days", async () => {
    const integrationId = randomUUID();
    await seed(integrationId, [
      { status: "succeeded", startedAt: hoursAgo(30) },
      { status: "failed", startedAt: hoursAgo(24 * 20) },
    ]);
    const week = await getDeliveryHistory({ ctx: reader, integrationId, range: "7d", now: NOW });
    expect(week).toHaveLength(7);
    expect(week.at(-2)).toEqual({ start: new Date("2026-04-09T00:00:00Z"), succeeded: 1, failed: 0 });
    const month = await getDeliveryHistory({ ctx: reader, integrationId, range: "30d", now: NOW });
    expect(month).toHaveLength(30);
    expect(month.reduce((n, b) => n + b.failed, 0)).toBe(1);
  });
});
