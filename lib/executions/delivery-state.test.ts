// The fingerprint live pages poll: it changes with what they show, and only then.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "@/lib/events/create-event";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { makeIntegration, makeUser } from "@/lib/testing/factories";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import { getDeliveryState, messageFingerprint } from "./delivery-state";
import { getExecution } from "./get-execution";
import { retryExecution } from "./retry-execution";
import { triggerIntegration } from "./trigger-integration";

let admin: Awaited<ReturnType<typeof makeUser>>;
let reader: Awaited<ReturnType<typeof makeUser>>;
let triggerer: Awaited<ReturnType<typeof makeUser>>;
const { receiver } = deliveryTestBed();

beforeAll(async () => {
  admin = await makeUser("admin");
  reader = await makeUser("reader");
  triggerer = await makeUser("trigger");
});

const integrationFor = async (url: string) => (await makeIntegration(admin.ctx, url, "Live")).id;

const state = async (query: Parameters<typeof getDeliveryState>[0]["query"]) =>
  (await getDeliveryState({ ctx: reader.ctx, query })).fingerprint;

describe("the delivery state's fingerprint", () => {
  it("changes when a delivery in scope is recorded or finishes, and not otherwise", async () => {
    const r = await receiver();
    const [a, b] = [await integrationFor(r.url), await integrationFor(r.url)];
    const before = { a: await state({ integrationId: a }), b: await state({ integrationId: b }), all: await state({}) };
    // Nothing happened: the same answer.
    expect(await state({ integrationId: a })).toBe(before.a);
    expect(await state({})).toBe(before.all);

    const { attempt } = await triggerIntegration({ ctx: triggerer.ctx, integrationId: a, input: { mode: "default" } });
    expect(await state({ integrationId: a })).not.toBe(before.a);
    expect(await state({})).not.toBe(before.all);
    // Another integration's page has nothing to reload.
    expect(await state({ integrationId: b })).toBe(before.b);

    // A message's page: its attempts as the page read them, and a retry changes it.
    const detail = await getExecution({ ctx: reader.ctx, id: attempt.id });
    const shown = messageFingerprint(detail.timeline);
    expect(await state({ messageId: attempt.messageId })).toBe(shown);
    await retryExecution({ ctx: triggerer.ctx, attemptId: attempt.id });
    expect(await state({ messageId: attempt.messageId })).not.toBe(shown);
  });

  it("follows an automatic delivery from queued on, and the events list's newest event", async () => {
    const r = await receiver();
    const integrationId = await integrationFor(r.url);
    const type = `live${randomUUID().replace(/-/g, "").slice(0, 8)}.happened`;
    await createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: [type] } });
    const before = { integration: await state({ integrationId }), events: await state({ events: "1" }) };
    // No worker runs in this file: the delivery stays queued, and the pages showing it change.
    const event = await createEvent({ ctx: admin.ctx, input: { type, title: "Queued", severity: "high", source: "test", details: {} } });
    expect(event.deliveriesQueued).toBe(1);
    expect(await state({ integrationId })).not.toBe(before.integration);
    expect(await state({ events: "1" })).not.toBe(before.events);
    const byEvent = await state({ eventId: event.id });
    expect(await state({ eventId: event.id })).toBe(byEvent);
  });

  it("refuses a malformed scope", async () => {
    await expect(state({ integrationId: "nope" })).rejects.toMatchObject({ name: "ZodError" });
  });
});
