import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { startReceiver, type Receiver } from "../lib/testing/receiver";
import { expect, screenshot, signIn, test } from "./fixtures/portal";

const receivers: Receiver[] = [];
test.afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

async function receiver() {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

const SECRET = "e2eSlackSecretPart";

async function ingest(adminApi: APIRequestContext) {
  const res = await adminApi.post("/api/v1/events", {
    data: {
      type: "invoice.overdue",
      title: `Invoice 1042 overdue <!channel> ${randomUUID().slice(0, 6)}`,
      severity: "high",
      source: "billing",
      details: { invoice: { id: 1042, amount: "99.00" } },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; title: string };
}

test("an admin connects a Slack channel from its setup steps and sends an event as Block Kit", async ({ page, adminApi, makeUser }) => {
  const r = await receiver();
  const event = await ingest(adminApi);
  const admin = await makeUser("adminTrigger");
  await signIn(page, admin.email, admin.password);

  await page.goto("/integrations/new");
  await page.getByText("Slack", { exact: true }).click();
  const steps = page.getByTestId("setup-steps");
  await expect(steps).toContainText("Incoming Webhooks");
  await expect(steps.getByRole("link", { name: "Slack documentation" })).toHaveAttribute(
    "href",
    "https://api.slack.com/messaging/webhooks",
  );
  // A Slack connector is on Slack: no platform to choose.
  await expect(page.getByRole("group", { name: "Platform" })).toHaveCount(0);
  const name = `Ops channel ${randomUUID().slice(0, 6)}`;
  await page.getByLabel("Name").fill(name);
  await screenshot(page, "connector-new-slack");
  await page.getByRole("button", { name: "Add integration" }).click();

  await expect(page).toHaveURL(/\/webhook$/);
  await expect(page.getByTestId("setup-steps")).toBeVisible();
  await page.getByLabel("Webhook URL").fill(`${r.url}/services/T01/B01/${SECRET}`);
  await expect(page.getByLabel("Automatic deliveries per second, at most (optional)")).toHaveValue("1");
  await page.getByRole("button", { name: "Create configuration" }).click();
  const state = page.getByTestId("secret-url-state");
  await expect(state).toContainText("••••");
  expect(await page.content()).not.toContain(SECRET);
  // No bearer token, signature style or headers for Slack; no Standard Webhooks receiver code.
  await expect(page.getByText("Bearer token")).toHaveCount(0);
  await expect(page.getByLabel("Signature style")).toHaveCount(0);
  await screenshot(page, "connector-webhook-slack");

  await page.goto(`/events/${event.id}`);
  await page.getByRole("button", { name: "Send to integration", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Send “${event.title}”` });
  await dialog.getByRole("combobox", { name: "Search integrations" }).fill(name);
  await dialog.getByRole("option", { name: new RegExp(name) }).click();
  const preview = dialog.getByTestId("request-preview");
  await expect(preview).toContainText('"blocks"');
  await expect(preview).toContainText('"type": "header"');
  await expect(preview).toContainText("&lt;!channel&gt;");
  await expect(preview).not.toContainText(SECRET);
  await screenshot(page, "connector-preview-slack");
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog.getByTestId("trigger-result")).toContainText("Delivered");
  const body = JSON.parse(r.requests[0].body) as { text: string; blocks: { type: string }[] };
  expect(r.requests[0].url).toBe(`/hook/services/T01/B01/${SECRET}`);
  expect(body.text).toContain("Invoice 1042 overdue");
  expect(body.blocks[0].type).toBe("header");

  // The execution's request shows the same body and the URL masked, Copy as cURL included.
  await dialog.getByRole("link", { name: "Open execution" }).click();
  await expect(page.getByText('"blocks"').first()).toBeVisible();
  await expect(page.getByTestId("curl-command")).toContainText("--data-binary");
  await expect(page.getByText(/Set WEBHOOK_TOKEN/)).toHaveCount(0); // no bearer token was sent
  expect(await page.content()).not.toContain(SECRET);
});

test("each connector type's preview shows the body it sends; a type at its limit is refused in the form and the API", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const r = await receiver();
  const event = await ingest(adminApi);
  const admin = await makeUser("adminTrigger");
  await signIn(page, admin.email, admin.password);
  const ids: Record<string, { id: string; name: string }> = {};
  const expected = {
    standard: '"type": "invoice.overdue"',
    discord: '"embeds"',
    teams: "application/vnd.microsoft.card.adaptive",
    zapier: '"data__event__details__invoice__id": 1042',
  };

  for (const [type, marker] of Object.entries(expected)) {
    const name = `${type} ${randomUUID().slice(0, 6)}`;
    const created = await adminApi.post("/api/v1/integrations", {
      data: type === "standard" ? { name, platform: "n8n" } : { name, connectorType: type },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id, connectorType } = (await created.json()) as { id: string; connectorType: string };
    expect(connectorType).toBe(type);
    ids[type] = { id, name };
    const put = await adminApi.put(`/api/v1/integrations/${id}/webhook`, { data: { url: `${r.url}/x/${type}Secret123`, enabled: true } });
    expect(put.ok(), await put.text()).toBe(true);

    await page.goto(`/events/${event.id}`);
    await page.getByRole("button", { name: "Send to integration", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("combobox", { name: "Search integrations" }).fill(name);
    await dialog.getByRole("option", { name: new RegExp(name) }).click();
    await expect(dialog.getByTestId("request-preview")).toContainText(marker);
    await screenshot(page, `connector-preview-${type}`);
    await page.keyboard.press("Escape");
  }

  // Failure alerts of the standard webhook go to the Teams channel.
  await page.goto(`/integrations/${ids.standard.id}`);
  await page.getByLabel("Send alerts through").selectOption({ label: ids.teams.name });
  await page.getByLabel("When a subscription is disabled").click();
  await page.getByLabel("When failures reach (optional)").fill("5");
  await page.getByRole("button", { name: "Save alerts" }).click();
  await expect(page.getByText("Failure alerts saved.")).toBeVisible();
  await screenshot(page, "connector-alerts");
  const detail = await adminApi.get(`/api/v1/integrations/${ids.standard.id}`);
  expect(((await detail.json()) as { alerts: unknown }).alerts).toEqual({
    alertIntegrationId: ids.teams.id,
    alertOnDisable: true,
    alertFailureThreshold: 5,
    alertWindowMinutes: 60,
  });

  // PORTAL_MAX_INTEGRATIONS_DISCORD=1 on the test server: the form says so before it is filled…
  await page.goto("/integrations/new");
  const discord = page.getByRole("radio", { name: /Discord/ });
  await expect(discord).toBeDisabled();
  await expect(page.getByText("at most 1 Discord integration")).toBeVisible();
  await screenshot(page, "connector-limit");
  // …and the API answers 403 limit_reached with the limit in the message.
  const refused = await adminApi.post("/api/v1/integrations", {
    data: { name: `Discord ${randomUUID().slice(0, 6)}`, connectorType: "discord" },
  });
  expect(refused.status()).toBe(403);
  const error = ((await refused.json()) as { error: { code: string; message: string } }).error;
  expect(error.code).toBe("limit_reached");
  expect(error.message).toContain("at most 1 Discord integration");

  const types = await adminApi.get("/api/v1/connector-types");
  const list = ((await types.json()) as { data: { type: string; setupSteps: string[]; fields: { key: string; sensitive: boolean }[] }[] })
    .data;
  expect(list.map((t) => t.type)).toEqual(["standard", "slack", "discord", "teams", "zapier"]);
  expect(list.find((t) => t.type === "teams")!.fields.find((f) => f.key === "url")!.sensitive).toBe(true);
});
