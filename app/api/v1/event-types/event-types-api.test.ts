// Event types as a contract, through the real route handlers: schema versions, each validation
// mode at ingestion, undeclared types, proposals from the events seen, and the catalog that an
// admin may make public (and nothing else with it).
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { expectDocumentedAnswer } from "@/lib/testing/documented-answer";
import { auditRowsFor, makeUser, type Role } from "@/lib/testing/factories";
import { createToken } from "@/lib/tokens/create-token";
import { DEFAULT_WORKSPACE_ID } from "@/lib/workspaces/scope";

const requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));
// Without a token: no session cookie either (the browser journeys in e2e/ check real sessions).
vi.mock("next-auth", async (original) => ({ ...(await original<object>()), getServerSession: async () => null }));

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes = {
  types: () => import("@/app/api/v1/event-types/route"),
  type: () => import("@/app/api/v1/event-types/[name]/route"),
  proposed: () => import("@/app/api/v1/event-types/[name]/proposed-schema/route"),
  catalog: () => import("@/app/api/v1/event-types/catalog/route"),
  settings: () => import("@/app/api/v1/settings/event-types/route"),
  events: () => import("@/app/api/v1/events/route"),
  event: () => import("@/app/api/v1/events/[id]/route"),
};

async function call(route: keyof typeof routes, method: string, url: string, body?: unknown, params: Record<string, string> = {}) {
  const handler = (await routes[route]())[method as "GET"] as unknown as Handler;
  const headers = new Headers(requestHeaders);
  if (body !== undefined) headers.set("content-type", "application/json");
  const init = { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) };
  const request = new Request(`https://portal.test${url}`, init);
  const response = await handler(request, { params: Promise.resolve(params) });
  await expectDocumentedAnswer(request, response);
  return { status: response.status, body: response.status === 204 ? null : await response.json(), headers: response.headers };
}

async function signInAs(role: Role) {
  const user = await makeUser(role);
  const scopes = role === "admin" ? (["read", "events:write", "admin"] as const) : (["read"] as const);
  const { token } = await createToken({ ctx: user.ctx, input: { name: "contract test", scopes: [...scopes] } });
  requestHeaders.set("authorization", `Bearer ${token}`);
  return user;
}
const signOut = () => requestHeaders.delete("authorization");

let counter = 0;
const typeName = () => `contract${Date.now().toString(36)}${counter++}.paid`;

const orderSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    order: {
      type: "object",
      properties: { id: { type: "string" }, total: { type: "number", minimum: 0 }, currency: { type: "string", enum: ["EUR", "USD"] } },
      required: ["id", "total", "currency"],
    },
    lines: {
      type: "array",
      items: { type: "object", properties: { sku: { type: "string" }, qty: { type: "integer" } }, required: ["sku", "qty"] },
    },
  },
  required: ["order"],
};
const goodDetails = { order: { id: "o-1", total: 12.5, currency: "EUR" }, lines: [{ sku: "A", qty: 1 }] };
const badDetails = { order: { id: 7, total: -1, currency: "GBP" }, lines: [{ sku: "A" }] };

const ingest = (type: string, details: unknown, title = `Order ${Math.random()}`) =>
  call("events", "POST", "/api/v1/events", { type, title, severity: "info", source: "shop", details });

afterEach(async () => {
  // The settings are the default workspace's, where the test users are members.
  await db.workspace.update({ where: { id: DEFAULT_WORKSPACE_ID }, data: { unknownEventTypes: "accept", publicCatalog: false } });
  signOut();
});

describe("schema versions", () => {
  it("refuses a schema that is not valid JSON Schema, with pointers into it, and validation without a schema", async () => {
    await signInAs("admin");
    const name = typeName();
    const bad = await call(
      "type",
      "PATCH",
      `/api/v1/event-types/${name}`,
      { schema: { type: "object", properties: { a: { type: "text" } } } },
      { name },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.fieldErrors.schema[0]).toMatch(/^\/properties\/a\/type: /);
    const noSchema = await call("type", "PATCH", `/api/v1/event-types/${name}`, { validation: "enforce" }, { name });
    expect(noSchema.status).toBe(422);
    expect(noSchema.body.error.fieldErrors.validation).toEqual(["Needs a schema: save one first"]);
    const notJson = await call("type", "PATCH", `/api/v1/event-types/${name}`, { schema: [1] }, { name });
    expect(notJson.status).toBe(422);
  });

  it("makes a version per change, says compatible or breaking, and audits it", async () => {
    await signInAs("admin");
    const name = typeName();
    const v1 = await call(
      "type",
      "PATCH",
      `/api/v1/event-types/${name}`,
      { schema: orderSchema, description: "An order was paid" },
      { name },
    );
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ name, declared: true, schemaVersion: 1, versions: [{ version: 1, compatibility: "initial" }] });

    const same = await call("type", "PATCH", `/api/v1/event-types/${name}`, { schema: orderSchema }, { name });
    expect(same.body.schemaVersion).toBe(1);

    const withNote = structuredClone(orderSchema) as typeof orderSchema & { properties: Record<string, unknown> };
    withNote.properties.note = { type: "string" };
    const v2 = await call("type", "PATCH", `/api/v1/event-types/${name}`, { schema: withNote }, { name });
    expect(v2.body.versions[0]).toMatchObject({ version: 2, compatibility: "compatible", changes: ["details.note was added (optional)"] });

    const retyped = structuredClone(withNote) as { properties: Record<string, unknown> };
    retyped.properties.order = {
      ...orderSchema.properties.order,
      properties: { ...orderSchema.properties.order.properties, total: { type: "string" } },
    };
    const v3 = await call("type", "PATCH", `/api/v1/event-types/${name}`, { schema: retyped }, { name });
    expect(v3.body.versions[0]).toMatchObject({ version: 3, compatibility: "breaking" });
    expect(v3.body.versions[0].changes).toContain("details.order.total changed type from number to string");

    const got = await call("type", "GET", `/api/v1/event-types/${name}`, undefined, { name });
    expect(got.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    const audit = await auditRowsFor(name);
    expect(audit.map((a) => a.action)).toEqual(Array(4).fill("event_type.updated"));
    expect(audit[3].after).toMatchObject({ schemaVersion: 3, compatibility: "breaking" });
  });

  it("is refused to a reader, and a reader reads it", async () => {
    await signInAs("admin");
    const name = typeName();
    await call("type", "PATCH", `/api/v1/event-types/${name}`, { schema: orderSchema }, { name });
    await signInAs("reader");
    expect((await call("type", "PATCH", `/api/v1/event-types/${name}`, { validation: "off" }, { name })).status).toBe(403);
    expect((await call("proposed", "GET", `/api/v1/event-types/${name}/proposed-schema`, undefined, { name })).status).toBe(403);
    expect((await call("type", "GET", `/api/v1/event-types/${name}`, undefined, { name })).body.schemaVersion).toBe(1);
    expect((await call("type", "GET", `/api/v1/event-types/nope`, undefined, { name: "nope" })).status).toBe(404);
  });
});

describe("validation at ingestion", () => {
  async function typeWith(validation: "off" | "flag" | "enforce") {
    await signInAs("admin");
    const name = typeName();
    const saved = await call("type", "PATCH", `/api/v1/event-types/${name}`, { schema: orderSchema, validation }, { name });
    expect(saved.status).toBe(200);
    return name;
  }

  it("off: details are not checked, and the event records no version", async () => {
    const name = await typeWith("off");
    const created = await ingest(name, badDetails);
    expect(created.status).toBe(201);
    expect(await db.event.findUnique({ where: { id: created.body.id }, select: { schemaVersion: true, schemaErrors: true } })).toEqual({
      schemaVersion: null,
      schemaErrors: null,
    });
  });

  it("flag: the event is stored and marked with its errors and the version it was checked against", async () => {
    const name = await typeWith("flag");
    const bad = await ingest(name, badDetails);
    expect(bad.status).toBe(201);
    const row = await db.event.findUnique({ where: { id: bad.body.id }, select: { schemaVersion: true, schemaErrors: true } });
    expect(row?.schemaVersion).toBe(1);
    expect(row?.schemaErrors).toEqual(
      expect.arrayContaining([
        { pointer: "/order/id", message: "must be of type string" },
        { pointer: "/order/total", message: "must be >= 0" },
        { pointer: "/order/currency", message: 'must be one of: "EUR", "USD"' },
        { pointer: "/lines/0/qty", message: "is required" },
      ]),
    );
    const good = await ingest(name, goodDetails);
    expect(await db.event.findUnique({ where: { id: good.body.id }, select: { schemaVersion: true, schemaErrors: true } })).toEqual({
      schemaVersion: 1,
      schemaErrors: null,
    });
  });

  it("enforce: 422 with a JSON Pointer and message per error; nothing stored, nothing delivered", async () => {
    const name = await typeWith("enforce");
    const title = `Refused ${Date.now()}`;
    const messagesBefore = await db.message.count();
    const refused = await ingest(name, badDetails, title);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("validation_failed");
    expect(refused.body.error.message).toContain(`schema of ${name} (version 1)`);
    expect(refused.body.error.fieldErrors).toMatchObject({
      "/details/order/id": ["must be of type string"],
      "/details/order/total": ["must be >= 0"],
      "/details/lines/0/qty": ["is required"],
    });
    expect(await db.event.count({ where: { title } })).toBe(0);
    expect(await db.message.count()).toBe(messagesBefore);
    expect((await db.eventType.findFirst({ where: { name } }))?.seenCount).toBe(0);

    const accepted = await ingest(name, goodDetails);
    expect(accepted.status).toBe(201);
    expect((await db.event.findUnique({ where: { id: accepted.body.id } }))?.schemaVersion).toBe(1);
  });

  it("records the version in force: events after a new version carry it", async () => {
    const name = await typeWith("enforce");
    const loose = { ...orderSchema, required: [] };
    await call("type", "PATCH", `/api/v1/event-types/${name}`, { schema: loose }, { name });
    const created = await ingest(name, {});
    expect(created.status).toBe(201);
    expect((await db.event.findUnique({ where: { id: created.body.id } }))?.schemaVersion).toBe(2);
  });

  it("undeclared types follow the portal setting: accepted by default, refused when set", async () => {
    await signInAs("admin");
    const unknown = typeName();
    expect((await ingest(unknown, { a: 1 })).status).toBe(201);
    const refuse = await call("settings", "PUT", "/api/v1/settings/event-types", { unknownEventTypes: "refuse" });
    expect(refuse.body).toEqual({ unknownEventTypes: "refuse", publicCatalog: false });
    const other = typeName();
    const refused = await ingest(other, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error.fieldErrors.type).toEqual(["Declare the type in the event type catalog first"]);
    // Seen before is not declared: refused too, until an admin declares it.
    expect((await ingest(unknown, {})).status).toBe(422);
    await call("types", "POST", "/api/v1/event-types", { name: other, description: "Declared now" });
    expect((await ingest(other, {})).status).toBe(201);
    const bad = await call("settings", "PUT", "/api/v1/settings/event-types", { unknownEventTypes: "maybe" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fieldErrors.unknownEventTypes).toEqual(["Use accept or refuse"]);
  });
});

describe("proposed schemas", () => {
  it("infers a schema from the events seen, which the admin can save as a version", async () => {
    await signInAs("admin");
    const name = typeName();
    for (const details of [
      goodDetails,
      { ...goodDetails, coupon: "WINTER" },
      { order: { id: "o-3", total: 3, currency: "USD" }, lines: [] },
    ])
      expect((await ingest(name, details)).status).toBe(201);
    const proposed = await call("proposed", "GET", `/api/v1/event-types/${name}/proposed-schema`, undefined, { name });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ sampleCount: 3, compatibility: "initial" });
    expect(proposed.body.schema.required).toEqual(["lines", "order"]);
    const saved = await call(
      "type",
      "PATCH",
      `/api/v1/event-types/${name}`,
      { schema: proposed.body.schema, validation: "enforce" },
      { name },
    );
    expect(saved.body.schemaVersion).toBe(1);
    expect((await ingest(name, { ...goodDetails, coupon: 5 })).status).toBe(422);
  });
});

describe("the catalog", () => {
  it("is off by default without a session; made public, it alone is readable without one", async () => {
    const admin = await signInAs("admin");
    const name = typeName();
    await call("type", "PATCH", `/api/v1/event-types/${name}`, { schema: orderSchema, description: "Paid orders" }, { name });
    const event = await ingest(name, goodDetails);
    signOut();
    expect((await call("catalog", "GET", "/api/v1/event-types/catalog")).status).toBe(401);

    await signInAs("admin");
    const toggled = await call("settings", "PUT", "/api/v1/settings/event-types", { publicCatalog: true });
    expect(toggled.body.publicCatalog).toBe(true);
    expect((await auditRowsFor("event_types")).at(-1)).toMatchObject({ action: "settings.updated", actorId: expect.any(String) });
    signOut();

    const open = await call("catalog", "GET", "/api/v1/event-types/catalog");
    expect(open.status).toBe(200);
    const entry = open.body.types.find((t: { name: string }) => t.name === name);
    expect(entry).toMatchObject({ description: "Paid orders", schemaVersion: 1, schema: orderSchema, example: goodDetails });
    expect(entry.examples.standard).toMatchObject({ type: name, data: { event: { type: name, details: goodDetails } } });
    expect(entry.examples.zapier).toMatchObject({ type: name, data__event__details__order__id: "o-1" });
    expect(Object.keys(entry.examples)).toEqual(["standard", "slack", "discord", "teams", "zapier"]);

    // Nothing else is readable without a session.
    expect((await call("types", "GET", "/api/v1/event-types")).status).toBe(401);
    expect((await call("type", "GET", `/api/v1/event-types/${name}`, undefined, { name })).status).toBe(401);
    expect((await call("event", "GET", `/api/v1/events/${event.body.id}`, undefined, { id: event.body.id })).status).toBe(401);
    expect((await call("settings", "GET", "/api/v1/settings/event-types")).status).toBe(401);
    // A wrong token is still refused, public catalog or not.
    requestHeaders.set("authorization", "Bearer not-a-token");
    expect((await call("catalog", "GET", "/api/v1/event-types/catalog")).status).toBe(401);
    void admin;
  });
});
