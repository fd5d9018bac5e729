import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createIntegration } from "@/lib/integrations/create-integration";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { updateSubscription } from "@/lib/subscriptions/update-subscription";
import { makeUser } from "@/lib/testing/factories";
import { listDetailPaths } from "./list-detail-paths";
import { updateEventType } from "./update-event-type";

let admin: Awaited<ReturnType<typeof makeUser>>;
let integrationId: string;
const prefix = `filt${randomUUID().slice(0, 6)}`;
const typed = `${prefix}.order.paid`;
const untyped = `${prefix}.order.noted`;

beforeAll(async () => {
  admin = await makeUser("admin");
  integrationId = (await createIntegration({ ctx: admin.ctx, input: { name: `Filters ${prefix}`, platform: "custom" } })).id;
  await updateEventType({
    ctx: admin.ctx,
    name: typed,
    input: {
      schema: {
        type: "object",
        properties: {
          order: {
            type: "object",
            properties: { total: { type: "number" }, region: { type: "string", enum: ["eu", "us"] } },
            additionalProperties: false,
          },
          lines: { type: "array", items: { type: "object", properties: { sku: { type: "string" } } } },
        },
      },
    },
  });
});
afterAll(async () => {
  await db.subscription.deleteMany({ where: { integrationId } });
});

async function fieldErrorsOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("filters that know the schema", () => {
  it("offers the detail paths the schema declares, outside arrays", async () => {
    const paths = await listDetailPaths({ ctx: admin.ctx });
    expect(paths[typed].paths.map((p) => p.path).sort()).toEqual([
      "details.lines",
      "details.order",
      "details.order.region",
      "details.order.total",
    ]);
    expect(paths[typed].paths.find((p) => p.path === "details.order.region")?.enum).toEqual(["eu", "us"]);
    expect(paths[untyped]).toBeUndefined();
  });

  it("refuses a path the schema cannot have as a field error, on create and on update", async () => {
    const input = { eventTypes: [typed], filter: { "details.order.discount": { $gt: 0 } } };
    expect(await fieldErrorsOf(createSubscription({ ctx: admin.ctx, integrationId, input }))).toEqual({
      filter: [`details.order.discount: no event of ${typed} (schema version 1) can have it`],
    });
    expect(
      await fieldErrorsOf(
        createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: [typed], filter: { "details.order.total.cents": 1 } } }),
      ),
    ).toHaveProperty("filter");

    const ok = await createSubscription({
      ctx: admin.ctx,
      integrationId,
      input: { eventTypes: [typed], filter: { "details.order.total": { $gte: 100 }, "details.coupon": { $exists: false } } },
    });
    expect(ok.filter).toEqual({ "details.order.total": { $gte: 100 }, "details.coupon": { $exists: false } });
    expect(
      await fieldErrorsOf(updateSubscription({ ctx: admin.ctx, id: ok.id, input: { filter: { "details.order.vat": 1 } } })),
    ).toHaveProperty("filter");
  });

  it("lets through what a type without a schema might carry: exact names and wildcards that reach one", async () => {
    await updateEventType({ ctx: admin.ctx, name: untyped, input: { description: "No schema" } });
    const filter = { "details.order.discount": { $gt: 0 } };
    await expect(
      createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: [typed, untyped], filter } }),
    ).resolves.toBeTruthy();
    await expect(
      createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: [`${prefix}.order.*`], filter } }),
    ).resolves.toBeTruthy();
    await expect(createSubscription({ ctx: admin.ctx, integrationId, input: { eventTypes: ["*"], filter } })).resolves.toBeTruthy();
  });
});
