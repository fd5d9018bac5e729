import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startReceiver, type Handler, type Receiver } from "../lib/testing/receiver";
import { expect, screenshot, signIn, test } from "./fixtures/portal";

const TOKEN = "e2e-bearer-token-c0ffee42";
const receivers: Receiver[] = [];

test.afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

async function receiver(handler?: Handler) {
  const r = await startReceiver(handler);
  receivers.push(r);
  return r;
}

/** An integration whose webhook points at `url`, set up through the admin API; with its signing secret. */
async function integrationFor(adminApi: APIRequestContext, url: string, { enabled = true } = {}) {
  const name = `Orders hook ${randomUUID().slice(0, 8)}`;
  const created = await adminApi.post("/api/v1/integrations", { data: { name, platform: "n8n" } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const put = await adminApi.put(`/api/v1/integrations/${id}/webhook`, { data: { url, enabled, bearerToken: TOKEN, timeoutSeconds: 5 } });
  expect(put.ok(), await put.text()).toBe(true);
  const reveal = await adminApi.post(`/api/v1/integrations/${id}/webhook/secret/reveal`);
  const { secret } = (await reveal.json()) as { secret: string };
  return { id, name, secret };
}

async function ingest(adminApi: APIRequestContext) {
  const source = `e2e-${randomUUID().slice(0, 8)}`;
  const res = await adminApi.post("/api/v1/events", {
    data: {
      type: "order.failed",
      title: `Payment declined ${source}`,
      severity: "high",
      source,
      details: { order: "D-1042", amount: 99.5 },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; title: string; source: string };
}

/** No serious or critical accessibility violation on the page as it is now. */
async function expectAccessible(page: Page) {
  // A send refreshes the page's data behind the dialog: check the page once it has its title back.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const severe = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** What the preview shows before anything is sent: the URL, the masked token, the computed headers. */
async function expectPreview(dialog: Locator, url: string) {
  const preview = dialog.getByTestId("request-preview");
  await expect(preview).toContainText(`POST ${url}`);
  await expect(preview).toContainText(`Bearer ••••${TOKEN.slice(-4)}`);
  await expect(preview.getByText("Computed at send time")).toHaveCount(3);
  await expect(preview).toContainText("user-agent");
  await expect(dialog).not.toContainText(TOKEN);
}

function expectSignedDelivery(request: Receiver["requests"][number], secret: string) {
  expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(() => new Webhook(secret).verify(request.body, request.headers)).not.toThrow();
}

test("a trigger user triggers an integration from the list: preview, one send on a double click, outcome, refreshed status", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const r = await receiver();
  const integration = await integrationFor(adminApi, r.url);
  const user = await makeUser("trigger");
  await signIn(page, user.email, user.password);
  await page.goto(`/integrations?q=${encodeURIComponent(integration.name)}`);
  const row = page.getByRole("row").filter({ hasText: integration.name });
  await expect(row.getByText("Never").filter({ visible: true })).toBeVisible();

  const trigger = row.getByRole("button", { name: `Trigger ${integration.name}` });
  await trigger.click();
  const dialog = page.getByRole("dialog", { name: `Trigger ${integration.name}` });
  await expectPreview(dialog, r.url);
  await expect(dialog.getByText("Empty body: default mode sends no payload.")).toBeVisible();
  expect(r.requests).toHaveLength(0);
  await screenshot(page, "trigger-preview-default");

  await dialog.getByRole("button", { name: "Send" }).dblclick();
  const result = dialog.getByTestId("trigger-result");
  await expect(result).toContainText("Delivered");
  await expect(result).toContainText("200");
  await expect(result).toContainText(/\d+ ms|\d+(\.\d+)? s/);
  await expect(result.getByRole("heading", { name: "Delivered" })).toBeFocused();
  await screenshot(page, "trigger-result-success");
  expect(r.requests).toHaveLength(1);
  expect(r.requests[0].body).toBe("");
  expectSignedDelivery(r.requests[0], integration.secret);

  const link = dialog.getByRole("link", { name: "Open execution" });
  await expect(link).toHaveAttribute("href", /^\/w\/default\/executions\/[0-9a-f-]{36}$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
  await expect(row.getByText("Succeeded").filter({ visible: true })).toBeVisible();

  await page.goto(`/integrations/${integration.id}`);
  await page.getByRole("button", { name: `Trigger ${integration.name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("trigger-result")).toContainText("Delivered");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("table", { name: "Recent executions, newest first" }).getByRole("row")).toHaveCount(3);
  expect(r.requests).toHaveLength(2);
});

test("from an event's page, by keyboard: pick an integration, see the event's envelope, send it", async ({ page, adminApi, makeUser }) => {
  const r = await receiver();
  const integration = await integrationFor(adminApi, r.url);
  const event = await ingest(adminApi);
  const user = await makeUser("trigger");
  await signIn(page, user.email, user.password);
  await page.goto(`/events/${event.id}`);

  const open = page.getByRole("button", { name: "Send to integration", exact: true });
  await open.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Send “${event.title}”` });
  const search = dialog.getByRole("combobox", { name: "Search integrations" });
  await expect(search).toBeFocused();
  await page.keyboard.type(integration.name);
  await expect(dialog.getByRole("option")).toHaveCount(1);
  await page.keyboard.press("Enter");

  await expectPreview(dialog, r.url);
  await expect(dialog.getByTestId("request-preview")).toContainText(`"title": "${event.title}"`);
  await expect(dialog.getByText("The timestamp is set at send time.")).toBeVisible();
  await expect(dialog.getByText("content-type")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "trigger-preview-event");

  const send = dialog.getByRole("button", { name: "Send" });
  await send.focus();
  await page.keyboard.press("Enter");
  await expect(dialog.getByTestId("trigger-result")).toContainText("Delivered");
  await expectAccessible(page);
  expect(r.requests).toHaveLength(1);
  const sent = JSON.parse(r.requests[0].body) as {
    type: string;
    data: { event: { id: string; title: string }; triggeredBy: { email: string } };
  };
  expect(sent).toMatchObject({
    type: "order.failed",
    data: { event: { id: event.id, title: event.title }, triggeredBy: { email: user.email } },
  });
  expectSignedDelivery(r.requests[0], integration.secret);

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  const executions = page.getByRole("table", { name: "Recent executions, newest first" });
  await expect(executions.getByRole("row")).toHaveCount(2);
  await expect(executions).toContainText(integration.name);
  await expect(executions).toContainText("Succeeded");
});

test("a failing receiver: the failure is shown with the start of its body, and Retry shows the new outcome in place", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const r = await receiver((_req, res) => {
    if (r.requests.length === 1) {
      res.statusCode = 500;
      res.end("boom: the workflow crashed while parsing the payload");
    } else res.end("ok");
  });
  const integration = await integrationFor(adminApi, r.url);
  const event = await ingest(adminApi);
  const user = await makeUser("trigger");
  await signIn(page, user.email, user.password);
  await page.goto(`/events?source=${event.source}`);

  await page.getByRole("button", { name: `Send “${event.title}” to an integration` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("option", { name: new RegExp(integration.name) }).click();
  await dialog.getByRole("button", { name: "Send" }).click();
  const result = dialog.getByTestId("trigger-result");
  await expect(result).toContainText("Delivery failed");
  await expect(result).toContainText("500");
  await expect(result).toContainText("http_error");
  await expect(result).toContainText("boom: the workflow crashed");
  await screenshot(page, "trigger-result-failure");

  await dialog.getByRole("button", { name: "Retry" }).click();
  await expect(result).toContainText("Delivered on retry");
  await expect(dialog.getByRole("button", { name: "Retry" })).toHaveCount(0);
  await screenshot(page, "trigger-result-retried");
  expect(r.requests).toHaveLength(2);
  expect(r.requests[1].headers["webhook-id"]).toBe(r.requests[0].headers["webhook-id"]);
  expect(r.requests[1].body).toBe(r.requests[0].body);
  expectSignedDelivery(r.requests[1], integration.secret);
});

test("a webhook that is disabled or missing: the button is disabled and says why on focus", async ({ page, adminApi, makeUser }) => {
  const r = await receiver();
  const disabled = await integrationFor(adminApi, r.url, { enabled: false });
  const user = await makeUser("trigger");
  await signIn(page, user.email, user.password);
  await page.goto(`/integrations?q=${encodeURIComponent(disabled.name)}`);
  const button = page
    .getByRole("row")
    .filter({ hasText: disabled.name })
    .getByRole("button", { name: `Trigger ${disabled.name}` });
  await expect(button).toBeDisabled();
  await button.locator("..").focus();
  await expect(page.getByRole("tooltip")).toContainText("The webhook is disabled");
  await expectAccessible(page);
  await screenshot(page, "trigger-disabled-reason");

  const forced = await user.api.post(`/api/v1/integrations/${disabled.id}/trigger`, { data: { mode: "default" } });
  expect(forced.status()).toBe(409);
  expect(r.requests).toHaveLength(0);
});

test("a read-only user sees no trigger button anywhere and is refused by the trigger API", async ({ page, adminApi, makeUser }) => {
  const r = await receiver();
  const integration = await integrationFor(adminApi, r.url);
  const event = await ingest(adminApi);
  const reader = await makeUser("reader");
  await signIn(page, reader.email, reader.password);

  await page.goto(`/integrations?q=${encodeURIComponent(integration.name)}`);
  await expect(page.getByRole("row").filter({ hasText: integration.name })).toBeVisible();
  await expect(page.getByRole("button", { name: /Trigger/ })).toHaveCount(0);
  await expectAccessible(page);
  await page.goto(`/integrations/${integration.id}`);
  await expect(page.getByRole("heading", { name: integration.name })).toBeVisible();
  await expect(page.getByRole("button", { name: /Trigger/ })).toHaveCount(0);
  await page.goto(`/events?source=${event.source}`);
  await expect(page.getByRole("link", { name: event.title })).toBeVisible();
  await expect(page.getByRole("button", { name: /Send/ })).toHaveCount(0);
  await expectAccessible(page);
  await page.goto(`/events/${event.id}`);
  await expect(page.getByRole("heading", { name: event.title })).toBeVisible();
  await expect(page.getByRole("button", { name: /Send|Trigger/ })).toHaveCount(0);
  await expectAccessible(page);

  for (const input of [{ mode: "default" }, { mode: "event", eventId: event.id }]) {
    const res = await reader.api.post(`/api/v1/integrations/${integration.id}/trigger`, { data: input });
    expect(res.status()).toBe(403);
  }
  expect(r.requests).toHaveLength(0);
});

test("the trigger user's pages have no serious accessibility violation", async ({ page, adminApi, makeUser }) => {
  const r = await receiver();
  const integration = await integrationFor(adminApi, r.url);
  const event = await ingest(adminApi);
  const user = await makeUser("trigger");
  await signIn(page, user.email, user.password);
  for (const path of ["/integrations", `/integrations/${integration.id}`, "/events", `/events/${event.id}`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);
  }
  await page.getByRole("button", { name: "Trigger with empty body" }).click();
  await expect(page.getByRole("dialog").getByRole("combobox")).toBeFocused();
  await expectAccessible(page);
  await screenshot(page, "trigger-picker");
});
