// The admins' overview across every integration, against real receivers on loopback.
import { beforeAll, describe, expect, it } from "vitest";
import { makeIntegration, makeUser } from "@/lib/testing/factories";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import { getDeliveryHistory } from "./delivery-history";
import { getOverview } from "./get-overview";
import { triggerIntegration } from "./trigger-integration";

let admin: Awaited<ReturnType<typeof makeUser>>;
let triggerer: Awaited<ReturnType<typeof makeUser>>;
const { receiver } = deliveryTestBed();

beforeAll(async () => {
  admin = await makeUser("admin");
  triggerer = await makeUser("trigger");
});

describe("the overview", () => {
  it("puts the failing integrations first, counts every integration's deliveries over time, and is for admins", async () => {
    const down = await receiver((_req, res) => void res.writeHead(500).end());
    const integration = await makeIntegration(admin.ctx, down.url, "Down");
    const before = await getDeliveryHistory({ ctx: admin.ctx, integrationId: null, range: "24h" });
    for (let i = 0; i < 3; i++) await triggerIntegration({ ctx: triggerer.ctx, integrationId: integration.id, input: { mode: "default" } });

    const overview = await getOverview({ ctx: admin.ctx });
    const failing = overview.failing.find((f) => f.integrationId === integration.id);
    expect(failing).toMatchObject({ failed: 3, succeeded: 0 });
    // Sorted by failures, most first.
    expect(overview.failing.map((f) => f.failed)).toEqual([...overview.failing.map((f) => f.failed)].sort((a, b) => b - a));
    expect(overview.queue).toMatchObject({ queued: expect.any(Number), scheduled: expect.any(Number) });

    const after = await getDeliveryHistory({ ctx: admin.ctx, integrationId: null, range: "24h" });
    const failed = (buckets: typeof after) => buckets.reduce((n, b) => n + b.failed, 0);
    expect(after).toHaveLength(24);
    expect(failed(after) - failed(before)).toBe(3);

    await expect(getOverview({ ctx: triggerer.ctx })).rejects.toMatchObject({ code: "forbidden" });
  });
});
