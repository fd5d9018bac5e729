import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startReceiver, type Receiver } from "../lib/testing/receiver";
import { expect, screenshot, signIn, test } from "./fixtures/portal";

const receivers: Receiver[] = [];
test.afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

const typeName = () => `shop${randomUUID().slice(0, 6).replace(/-/g, "")}.order.paid`;

async function ingest(api: APIRequestContext, type: string, details: unknown) {
  return api.post("/api/v1/events", {
    data: { type, title: `Order ${randomUUID().slice(0, 6)}`, severity: "info", source: "shop", details },
  });
}

async function integrationWithWebhook(adminApi: APIRequestContext, url: string) {
  const name = `Orders ${randomUUID().slice(0, 8)}`;
  const created = await adminApi.post("/api/v1/integrations", { data: { name, platform: "custom" } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const put = await adminApi.put(`/api/v1/integrations/${id}/webhook`, { data: { url, enabled: true, timeoutSeconds: 5 } });
  expect(put.ok(), await put.text()).toBe(true);
  const reveal = await adminApi.post(`/api/v1/integrations/${id}/webhook/secret/reveal`);
  return { id, name, secret: ((await reveal.json()) as { secret: string }).secret };
}

async function both(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  // Nothing is wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("an admin turns the events seen into a schema, enforces it, evolves it and sends the example to a receiver", async ({
  page,
  adminApi,
  makeUser,
}) => {
  test.setTimeout(150_000);
  const type = typeName();
  for (const details of [
    { order: { id: "o-1", total: 12.5, currency: "EUR" }, lines: [{ sku: "A-1", qty: 2 }], channel: "web" },
    { order: { id: "o-2", total: 80, currency: "EUR" }, lines: [], channel: "store", coupon: "WINTER" },
    { order: { id: "o-3", total: 9.99, currency: "USD" }, lines: [{ sku: "B-7", qty: 1 }], channel: "web" },
    { order: { id: "o-4", total: 5, currency: "EUR" }, lines: [{ sku: "B-7", qty: 3 }], channel: "web" },
  ])
    expect((await ingest(adminApi, type, details)).status()).toBe(201);
  const r = await startReceiver();
  receivers.push(r);
  const integration = await integrationWithWebhook(adminApi, r.url);

  const admin = await makeUser("admin");
  await signIn(page, admin.email, admin.password);
  await page.getByRole("link", { name: "Event types" }).first().click();
  await expect(page).toHaveURL(/\/event-types$/);
  await page.getByRole("link", { name: type }).click();
  await expect(page.getByRole("heading", { name: type })).toBeVisible();
  await expect(page.getByText("No schema yet: the details may be any JSON object.")).toBeVisible();

  // A schema proposed from the four events, reviewed and saved with enforcement.
  await page.getByRole("button", { name: "Propose from events seen" }).click();
  await expect(page.getByTestId("proposal")).toContainText("Proposed from the latest 4 events");
  await expect(page.getByLabel("JSON Schema of the details (draft 2020-12)")).toHaveValue(
    /"required": \[\s*"channel",\s*"lines",\s*"order"\s*\]/,
  );
  await page.getByLabel("Description").fill("An order was paid at the till or on the web shop.");
  await page.getByLabel("Validation at ingestion").selectOption("enforce");
  await page.getByRole("button", { name: "Save contract" }).click();
  await expect(page.getByText("Saved. The schema is at version 1.")).toBeVisible();
  const tree = page.getByRole("list", { name: "Schema of the details" });
  await expect(tree).toContainText("total");
  await expect(tree).toContainText('one of "store", "web"');
  await expect(page.getByRole("list", { name: "Schema versions" })).toContainText("First version");

  // Enforced at ingestion: a 422 with a pointer per problem, nothing stored.
  const refused = await ingest(adminApi, type, { order: { id: 5, total: "12", currency: "EUR" }, lines: [], channel: "phone" });
  expect(refused.status()).toBe(422);
  const error = ((await refused.json()) as { error: { fieldErrors: Record<string, string[]> } }).error;
  expect(error.fieldErrors["/details/order/id"]).toEqual(["must be of type string"]);
  expect(error.fieldErrors["/details/order/total"]).toEqual(["must be of type number"]);
  expect(error.fieldErrors["/details/channel"]).toEqual(['must be one of: "store", "web"']);

  // A schema that is not valid is a field error; then an optional addition is a compatible version.
  const editor = page.getByLabel("JSON Schema of the details (draft 2020-12)");
  const saved = await editor.inputValue();
  await editor.fill(saved.replace('"type": "object"', '"type": "objekt"'));
  await page.getByRole("button", { name: "Save contract" }).click();
  await expect(page.locator("#schemaText-error")).toContainText("/type");
  const schema = JSON.parse(saved) as { properties: Record<string, unknown> };
  schema.properties.giftMessage = { type: "string", description: "Printed on the receipt" };
  await editor.fill(JSON.stringify(schema, null, 2));
  await page.getByRole("button", { name: "Save contract" }).click();
  await expect(page.getByText("Saved. The schema is at version 2.")).toBeVisible();
  const versions = page.getByRole("list", { name: "Schema versions" });
  await expect(versions).toContainText("Compatible");
  await expect(versions).toContainText("details.giftMessage was added (optional)");

  // Examples in every connector format.
  await expect(page.getByTestId("example-standard")).toContainText(`"type": "${type}"`);
  await page.getByRole("tab", { name: "Zapier (flat)" }).click();
  await expect(page.getByTestId("example-zapier")).toContainText("data__event__details__order__id");
  await page.getByRole("tab", { name: "Slack" }).click();
  await expect(page.getByTestId("example-slack")).toContainText('"blocks"');
  await page.getByRole("tab", { name: "Standard envelope" }).click();
  await both(page, "event-type-entry");

  // The example, sent to a real receiver, signed, recorded as a test.
  await page.getByLabel("Integration").selectOption(integration.id);
  await page.getByRole("button", { name: "Send example" }).click();
  await expect(page.getByRole("link", { name: "Open the test execution" })).toBeVisible();
  expect(r.requests).toHaveLength(1);
  const payload = new Webhook(integration.secret).verify(r.requests[0].body, r.requests[0].headers) as {
    type: string;
    data: { event: { type: string; details: { order: { id: string } } } };
  };
  expect(payload.type).toBe(type);
  expect(payload.data.event.details.order.id).toMatch(/^o-\d$/);

  await page.goto("/event-types");
  await expect(page.getByRole("list", { name: "Event types" })).toContainText(type);
  await both(page, "event-types-catalog");
});

test("a reader reads the catalog, without the contract editor", async ({ page, adminApi, makeUser }) => {
  const type = typeName();
  const patched = await adminApi.patch(`/api/v1/event-types/${type}`, {
    data: { description: "Declared with a schema", schema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  const reader = await makeUser("reader");
  await signIn(page, reader.email, reader.password);
  await page.goto(`/event-types/${type}`);
  await expect(page.getByRole("list", { name: "Schema of the details" })).toContainText("id");
  await expect(page.getByTestId("example-standard")).toContainText('"id": "string"');
  await expect(page.getByRole("button", { name: "Save contract" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send example" })).toHaveCount(0);
  const refused = await reader.api.patch(`/api/v1/event-types/${type}`, { data: { validation: "enforce" } });
  expect(refused.status()).toBe(403);

  // Flagged: an event that does not fit is stored, and its page says where.
  expect((await adminApi.patch(`/api/v1/event-types/${type}`, { data: { validation: "flag" } })).status()).toBe(200);
  const flagged = await ingest(adminApi, type, { id: 42 });
  expect(flagged.status()).toBe(201);
  await page.goto(`/events/${((await flagged.json()) as { id: string }).id}`);
  await expect(page.getByTestId("schema-check")).toContainText("Does not fit version 1");
  await expect(page.getByRole("list", { name: "Schema errors" })).toContainText("/id must be of type string");
  const fits = await ingest(adminApi, type, { id: "42" });
  await page.goto(`/events/${((await fits.json()) as { id: string }).id}`);
  await expect(page.getByTestId("schema-check")).toContainText("Fits version 1");
});

test("the subscription form offers the schema's detail paths and refuses one the schema cannot have", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const typed = typeName();
  const untyped = typed.replace(".paid", ".noted");
  const patched = await adminApi.patch(`/api/v1/event-types/${typed}`, {
    data: {
      schema: {
        type: "object",
        properties: {
          order: { type: "object", properties: { total: { type: "number" }, region: { type: "string", enum: ["eu", "us"] } } },
        },
        additionalProperties: false,
      },
    },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  expect((await adminApi.post("/api/v1/event-types", { data: { name: untyped, description: "No schema" } })).status()).toBe(201);
  const r = await startReceiver();
  receivers.push(r);
  const integration = await integrationWithWebhook(adminApi, r.url);
  const admin = await makeUser("admin");
  await signIn(page, admin.email, admin.password);
  await page.goto(`/integrations/${integration.id}`);
  await page.getByRole("button", { name: "Add subscription" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Event types").fill(typed);
  const paths = dialog.getByTestId("filter-paths");
  await paths.getByRole("button", { name: "details.order.region" }).click();
  const filter = dialog.getByLabel("Filter on the event (optional, JSON)");
  await expect(filter).toHaveValue(/"details.order.region": "eu"/);

  // A path outside the schema (which closes the details) is a field error.
  await filter.fill('{"details.coupon": "WINTER"}');
  await dialog.getByRole("button", { name: "Add subscription" }).click();
  await expect(dialog.getByText(`details.coupon: no event of ${typed} (schema version 1) can have it`)).toBeVisible();

  // With a type that has no schema, the form warns and the server lets it through.
  await dialog.getByLabel("Event types").fill(`${typed}, ${untyped}`);
  await expect(paths).toContainText(`${untyped} has no schema: the portal cannot check that details.coupon can exist`);
  await dialog.getByLabel("Pinned schema versions (optional, JSON)").fill(`{"${typed}": 1}`);
  await dialog.getByRole("button", { name: "Add subscription" }).click();
  await expect(dialog).toBeHidden();
  const subscription = page.getByTestId("subscription");
  await expect(subscription).toContainText(typed);
});
