import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { toErrorBody } from "@/lib/errors";
import { createEvent } from "@/lib/events/create-event";
import { getExecution } from "@/lib/executions/get-execution";
import { listExecutions } from "@/lib/executions/list-executions";
import { createIntegration } from "@/lib/integrations/create-integration";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { updateSubscription } from "@/lib/subscriptions/update-subscription";
import { makeUser } from "@/lib/testing/factories";
import { updateEventType } from "./update-event-type";

let admin: Awaited<ReturnType<typeof makeUser>>;
let integrationId: string;
const type = `pin${randomUUID().slice(0, 6)}.order.paid`;
const v1 = { type: "object", properties: { total: { type: "number" } }, required: ["total"] };
const v2 = { type: "object", properties: { total: { type: "string" } }, required: ["total"] };

beforeAll(async () => {
  admin = await makeUser("admin");
  integrationId = (await createIntegration({ ctx: admin.ctx, input: { name: `Pins ${type}`, platform: "custom" } })).id;
  await saveWebhookConfig({ ctx: admin.ctx, integrationId, input: { url: "http://127.0.0.1:9/hook", enabled: true } });
  await updateEventType({ ctx: admin.ctx, name: type, input: { schema: v1, validation: "flag" } });
});
afterAll(async () => {
  await db.subscription.deleteMany({ where: { integrationId } });
});

async function fieldErrorsOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const { status, body } = toErrorBody(error);
    if (status === 422) return body.fieldErrors;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function deliveryOf(eventId: string) {
  const attempt = await db.attempt.findFirstOrThrow({ where: { eventId }, select: { id: true } });
  return getExecution({ ctx: admin.ctx, id: attempt.id });
}

describe("subscriptions pinned to a schema version", () => {
  it("refuses a pin to a version that does not exist or a type the subscription does not receive", async () => {
    expect(
      await fieldErrorsOf(createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: [type], schemaPins: { [type]: 7 } } })),
    ).toEqual({
      schemaPins: [`${type}: there is no schema version 7`],
    });
    expect(
      await fieldErrorsOf(
        createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: [type], schemaPins: { "other.type": 1 } } }),
      ),
    ).toEqual({ schemaPins: ["other.type: the subscription does not receive this type"] });
    expect(
      await fieldErrorsOf(createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: [type], schemaPins: { [type]: 0 } } })),
    ).toBeTruthy();
  });

  it("flags in the history the deliveries of events checked against a newer version than the pinned one", async () => {
    const subscription = await createSubscription({
      ctx: admin.ctx,
      integrationId,
      input: { eventTypes: [type], schemaPins: { [type]: 1 } },
    });
    expect(subscription.schemaPins).toEqual({ [type]: 1 });

    const before = await createEvent({
      ctx: admin.ctx,
      input: { type, title: "Paid", severity: "info", source: "shop", details: { total: 5 } },
    });
    expect((await deliveryOf(before.id)).schemaPin).toEqual({ eventType: type, pinnedVersion: 1, eventVersion: 1, newer: false });

    // A breaking change: the type moves on, the receiver is still built for version 1.
    const changed = await updateEventType({ ctx: admin.ctx, name: type, input: { schema: v2 } });
    expect(changed.versions[0]).toMatchObject({ version: 2, compatibility: "breaking" });
    const after = await createEvent({
      ctx: admin.ctx,
      input: { type, title: "Paid", severity: "info", source: "shop", details: { total: "5" } },
    });
    expect((await deliveryOf(after.id)).schemaPin).toEqual({ eventType: type, pinnedVersion: 1, eventVersion: 2, newer: true });
    // The history list flags it too, and only it.
    const { data } = await listExecutions({ ctx: admin.ctx, query: { integrationId, limit: 10 } });
    expect(data.filter((a) => a.newerSchemaThanPinned).map((a) => a.eventId)).toEqual([after.id]);

    // Moving the pin to version 2 clears the flag for the next events.
    await updateSubscription({ ctx: admin.ctx, id: subscription.id, input: { schemaPins: { [type]: 2 } } });
    const next = await createEvent({
      ctx: admin.ctx,
      input: { type, title: "Paid", severity: "info", source: "shop", details: { total: "6" } },
    });
    expect((await deliveryOf(next.id)).schemaPin?.newer).toBe(false);
  });
});
