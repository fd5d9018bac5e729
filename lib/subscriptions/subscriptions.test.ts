import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { declareEventType } from "@/lib/event-types/declare-event-type";
import { listEventTypes } from "@/lib/event-types/list-event-types";
import { createEvent } from "@/lib/events/create-event";
import { createIntegration } from "@/lib/integrations/create-integration";
import { auditRowsFor, makeUser } from "@/lib/testing/factories";
import { createSubscription } from "./create-subscription";
import { deleteSubscription } from "./delete-subscription";
import { getSubscription } from "./get-subscription";
import { listSubscriptions } from "./list-subscriptions";
import { updateSubscription } from "./update-subscription";

let admin: Awaited<ReturnType<typeof makeUser>>;
let reader: Awaited<ReturnType<typeof makeUser>>;
let integrationId: string;

beforeAll(async () => {
  admin = await makeUser("admin");
  reader = await makeUser("reader");
  integrationId = (await createIntegration({ ctx: admin.ctx, input: { name: `Subs ${randomUUID().slice(0, 8)}`, platform: "custom" } })).id;
});
afterAll(async () => {
  await db.subscription.deleteMany({ where: { integrationId } });
});

async function refusal(promise: Promise<unknown>): Promise<AppError | { fieldErrors: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    const { toErrorBody } = await import("@/lib/errors");
    return toErrorBody(error).body as { fieldErrors: Record<string, string[]> };
  }
  throw new Error("expected a refusal");
}

describe("subscriptions", () => {
  it("creates one with defaults, audited with its fields", async () => {
    const s = await createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: ["incident.*", "incident.*"] } });
    expect(s).toMatchObject({ eventTypes: ["incident.*"], minSeverity: null, sources: [], filter: null, mode: "event", enabled: true });
    const audit = (await auditRowsFor(integrationId)).filter((r) => r.action === "subscription.created");
    expect(audit.at(-1)?.after).toMatchObject({ subscriptionId: s.id, eventTypes: ["incident.*"], mode: "event" });
    expect(audit.at(-1)?.actorId).toBe(admin.user.id);
  });

  it("retries after 1 min, 5 min and 30 min unless told otherwise; null or [] chooses no retry", async () => {
    const byDefault = await createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: ["retry.default"] } });
    expect(byDefault).toMatchObject({ retrySchedule: [60, 300, 1800], retryJitter: false });
    for (const none of [null, []]) {
      const s = await createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: ["retry.none"], retrySchedule: none } });
      expect(s.retrySchedule).toBeNull();
    }
    // An update without the field leaves the schedule as it is.
    expect((await updateSubscription({ ctx: admin.ctx, id: byDefault.id, input: { description: "x" } })).retrySchedule).toEqual([
      60, 300, 1800,
    ]);
  });

  it("changes only what is sent, with before and after in the audit log", async () => {
    const s = await createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: ["order.*"], minSeverity: "low" } });
    const changed = await updateSubscription({
      ctx: admin.ctx,
      id: s.id,
      input: { minSeverity: "high", filter: { "details.region": { $in: ["eu"] } } },
    });
    expect(changed).toMatchObject({ eventTypes: ["order.*"], minSeverity: "high", filter: { "details.region": { $in: ["eu"] } } });
    const row = (await auditRowsFor(integrationId)).filter((r) => r.action === "subscription.updated").at(-1)!;
    expect(row.before).toEqual({ subscriptionId: s.id, minSeverity: "low", filter: null });
    expect(row.after).toEqual({ subscriptionId: s.id, minSeverity: "high", filter: { "details.region": { $in: ["eu"] } } });
    const cleared = await updateSubscription({ ctx: admin.ctx, id: s.id, input: { filter: null } });
    expect(cleared.filter).toBeNull();
    await deleteSubscription({ ctx: admin.ctx, id: s.id });
    await expect(getSubscription({ ctx: admin.ctx, id: s.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await auditRowsFor(integrationId)).some((r) => r.action === "subscription.deleted")).toBe(true);
  });

  it.each([
    [{ eventTypes: [] }, "eventTypes"],
    [{ eventTypes: ["Incident Opened"] }, "eventTypes"],
    [{ eventTypes: ["*.opened"] }, "eventTypes"],
    [{ eventTypes: ["incident.*"], filter: { "details.x": { $regex: "a" } } }, "filter"],
    [{ eventTypes: ["incident.*"], filter: { "title.length": 3 } }, "filter"],
    [{ eventTypes: ["incident.*"], filter: { payload: 1 } }, "filter"],
    [{ eventTypes: ["incident.*"], minSeverity: "urgent" }, "minSeverity"],
    [{ eventTypes: ["incident.*"], mode: "test" }, "mode"],
    [{ eventTypes: ["incident.*"], sources: [""] }, "sources"],
    [{ eventTypes: ["incident.*"], extra: true }, ""],
    [{ eventTypes: ["incident.*"], retrySchedule: [0] }, "retrySchedule"],
    [{ eventTypes: ["incident.*"], retrySchedule: [25 * 3600] }, "retrySchedule"],
    [{ eventTypes: ["incident.*"], retrySchedule: Array(11).fill(60) }, "retrySchedule"],
    [{ eventTypes: ["incident.*"], retrySchedule: [1.5] }, "retrySchedule"],
    [{ eventTypes: ["incident.*"], disableAfterFailures: -1 }, "disableAfterFailures"],
    [{ eventTypes: ["incident.*"], disableAfterFailures: 0 }, "disableAfterFailures"],
    [{ eventTypes: ["incident.*"], disableAfterFailures: 1001 }, "disableAfterFailures"],
  ])("refuses %j with a field error on %s, saving nothing", async (input, field) => {
    const before = await db.subscription.count({ where: { integrationId } });
    const error = await refusal(createSubscription({ ctx: admin.ctx, integrationId, input: input as never }));
    if (field) expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
    expect(await db.subscription.count({ where: { integrationId } })).toBe(before);
  });

  it("refuses readers and unknown integrations", async () => {
    await expect(createSubscription({ ctx: reader.ctx, integrationId, input: { eventTypes: ["*"] } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createSubscription({ ctx: admin.ctx, integrationId: randomUUID(), input: { eventTypes: ["*"] } })).rejects.toMatchObject({
      code: "not_found",
    });
    const s = await createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: ["deploy.*"] } });
    await expect(updateSubscription({ ctx: reader.ctx, id: s.id, input: { enabled: false } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteSubscription({ ctx: reader.ctx, id: s.id })).rejects.toMatchObject({ code: "forbidden" });
    expect((await listSubscriptions({ ctx: reader.ctx, integrationId })).data.map((x) => x.id)).toContain(s.id);
  });
});

describe("event type catalog", () => {
  it("counts ingested types with the latest example, and keeps declared ones", async () => {
    const type = `catalog${randomUUID().slice(0, 6)}.seen`;
    await createEvent({ ctx: admin.ctx, input: { type, title: "One", severity: "info", source: "test", details: { n: 1 } } });
    await createEvent({ ctx: admin.ctx, input: { type, title: "Two", severity: "info", source: "test", details: { n: 2 } } });
    const declared = `catalog${randomUUID().slice(0, 6)}.declared`;
    await declareEventType({ ctx: admin.ctx, input: { name: declared, description: "Declared ahead" } });
    await expect(declareEventType({ ctx: reader.ctx, input: { name: declared } })).rejects.toMatchObject({ code: "forbidden" });
    const { data } = await listEventTypes({ ctx: reader.ctx });
    expect(data.find((t) => t.name === type)).toMatchObject({ seenCount: 2, declared: false, example: { n: 2 } });
    expect(data.find((t) => t.name === declared)).toMatchObject({ seenCount: 0, declared: true, description: "Declared ahead" });
  });
});
