// Why an event was or was not delivered, worked out from the subscriptions as they are now.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { updateSubscription } from "@/lib/subscriptions/update-subscription";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import { makeIntegration, makeUser } from "@/lib/testing/factories";
import { createEvent } from "./create-event";
import { explainEventDeliveries } from "./explain-event-deliveries";

let admin: Awaited<ReturnType<typeof makeUser>>;
let reader: Awaited<ReturnType<typeof makeUser>>;
const { receiver } = deliveryTestBed();

beforeAll(async () => {
  admin = await makeUser("admin");
  reader = await makeUser("reader");
});

describe("why an event was or was not delivered", () => {
  it("names, per subscription of each integration, whether it matched and the rule that excluded it", async () => {
    const integration = await makeIntegration(admin.ctx, (await receiver()).url, "Why");
    const family = `why${randomUUID().replace(/-/g, "").slice(0, 8)}`;
    const sub = (input: Parameters<typeof createSubscription>[0]["input"]) =>
      createSubscription({ ctx: admin.ctx, integrationId: integration.id, input });
    const taken = await sub({ eventTypes: [`${family}.*`] });
    const otherType = await sub({ eventTypes: [`${family}x.*`] });
    const tooLow = await sub({ eventTypes: [`${family}.*`], minSeverity: "critical" });
    const elsewhere = await sub({ eventTypes: [`${family}.*`], sources: ["crm"] });
    const filtered = await sub({ eventTypes: [`${family}.*`], filter: { "details.region": "eu", "details.total": { $gte: 100 } } });
    const off = await sub({ eventTypes: [`${family}.*`] });
    await updateSubscription({ ctx: admin.ctx, id: off.id, input: { enabled: false } });

    const event = await createEvent({
      ctx: admin.ctx,
      input: { type: `${family}.paid`, title: "Paid", severity: "high", source: "shop", details: { region: "eu", total: 40 } },
    });
    const { portalEvent, integrations } = await explainEventDeliveries({ ctx: reader.ctx, eventId: event.id });
    expect(portalEvent).toBe(false);
    const mine = integrations.find((i) => i.integrationId === integration.id)!;
    expect(mine.webhook).toBe("enabled");
    const byId = new Map(mine.subscriptions.map((s) => [s.subscriptionId, s]));
    expect(byId.get(taken.id)).toMatchObject({ match: { matched: true }, attempts: 1, enabled: true });
    expect(byId.get(otherType.id)?.match).toMatchObject({ matched: false, rule: "type" });
    expect(byId.get(tooLow.id)?.match).toMatchObject({ matched: false, rule: "severity", message: expect.stringContaining("critical") });
    expect(byId.get(elsewhere.id)?.match).toMatchObject({ matched: false, rule: "source" });
    expect(byId.get(filtered.id)?.match).toMatchObject({ matched: false, rule: "filter", path: "details.total" });
    // It matches, but it is disabled: the skipped record counts as its attempt.
    expect(byId.get(off.id)).toMatchObject({ match: { matched: true }, enabled: false, attempts: 1 });

    // Worked out from the rules as they are now: a changed rule changes the answer.
    await updateSubscription({ ctx: admin.ctx, id: tooLow.id, input: { minSeverity: "high" } });
    const now = await explainEventDeliveries({ ctx: reader.ctx, eventId: event.id });
    const changed = now.integrations
      .find((i) => i.integrationId === integration.id)!
      .subscriptions.find((s) => s.subscriptionId === tooLow.id);
    expect(changed).toMatchObject({ match: { matched: true }, attempts: 0 });
  });

  it("answers not found for an unknown event", async () => {
    await expect(explainEventDeliveries({ ctx: reader.ctx, eventId: randomUUID() })).rejects.toMatchObject({ code: "not_found" });
  });
});
