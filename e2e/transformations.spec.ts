import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startReceiver, type Receiver } from "../lib/testing/receiver";
import { expect, screenshot, signIn, test } from "./fixtures/portal";
import { createToken, sessionClient, tokenClient } from "./fixtures/session";

const receivers: Receiver[] = [];
test.afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

/** n8n wants three fields at the top level. */
const N8N = `function handler(webhook) {
  const event = webhook.payload.data.event;
  webhook.payload = { id: event.id, type: webhook.eventType, region: event.details.region };
  webhook.headers["x-event-type"] = webhook.eventType;
  return webhook;
}`;

async function integrationWithWebhook(adminApi: APIRequestContext, url: string) {
  const created = await adminApi.post("/api/v1/integrations", { data: { name: `Shop ${randomUUID().slice(0, 8)}`, platform: "n8n" } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const put = await adminApi.put(`/api/v1/integrations/${id}/webhook`, { data: { url, enabled: true, timeoutSeconds: 5 } });
  expect(put.ok(), await put.text()).toBe(true);
  const reveal = await adminApi.post(`/api/v1/integrations/${id}/webhook/secret/reveal`);
  return { id, secret: ((await reveal.json()) as { secret: string }).secret };
}

/** Replaces the editor's text (CodeMirror: a contenteditable, so typed as one insertion). */
async function typeCode(page: Page, code: string) {
  const editor = page.getByRole("textbox", { name: "Transformation code" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
}

test("an admin tries a transformation on a past event, saves it, and the receiver gets the transformed body, signed", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const r = await startReceiver();
  receivers.push(r);
  const integration = await integrationWithWebhook(adminApi, r.url);
  const type = `order${randomUUID().replace(/-/g, "").slice(0, 6)}.paid`;
  const sub = await adminApi.post(`/api/v1/integrations/${integration.id}/subscriptions`, { data: { eventTypes: [type] } });
  expect(sub.status(), await sub.text()).toBe(201);
  const past = await adminApi.post("/api/v1/events", {
    data: { type: `${type}.earlier`, title: "Order 41 paid", severity: "low", source: "shop", details: { region: "eu" } },
  });
  const pastEvent = (await past.json()) as { id: string };

  const admin = await makeUser("admin");
  await signIn(page, admin.email, admin.password);
  await page.goto(`/integrations/${integration.id}`);
  await page.getByRole("link", { name: "Transformation" }).click();
  await expect(page.getByRole("heading", { name: "Transformation", level: 1 })).toBeVisible();
  await expect(page.getByText("Not in use")).toBeVisible();

  // A mistake shows its line, nothing saved.
  await typeCode(page, "function handler(webhook) {\n  return webhook.payload.nope.deeper;\n}");
  await page.getByLabel("Event to run on").selectOption(pastEvent.id);
  await page.getByRole("button", { name: "Run on an event" }).click();
  await expect(page.getByTestId("test-outcome")).toContainText("Line 2, column");
  await expect(page.getByTestId("test-outcome")).toContainText("TypeError");

  // The right code: the exact request, signed over the new body.
  await typeCode(page, N8N);
  await page.getByRole("button", { name: "Run on an event" }).click();
  const outcome = page.getByTestId("test-outcome");
  await expect(outcome).toContainText(`POST ${r.url}`);
  await expect(outcome).toContainText("webhook-signature");
  await expect(outcome).toContainText(`x-event-type${type}.earlier`);
  await expect(outcome.getByLabel("Body")).toContainText(`"id": "${pastEvent.id}"`);
  await screenshot(page, "transformation-test-bench");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "transformation-test-bench-phone");
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByRole("button", { name: "Save and use" }).click();
  await expect(page.getByText("Version 1 in use")).toBeVisible();

  // An event now: the portal's worker sends the transformed body, and the receiver verifies it.
  const res = await adminApi.post("/api/v1/events", {
    data: { type, title: "Order 42 paid", severity: "high", source: "shop", details: { region: "us" } },
  });
  const event = (await res.json()) as { id: string; deliveriesQueued: number };
  expect(event.deliveriesQueued).toBe(1);
  await expect.poll(() => r.requests.length, { timeout: 15_000 }).toBe(1);
  const received = r.requests[0];
  expect(received.headers["x-event-type"]).toBe(type);
  expect(new Webhook(integration.secret).verify(received.body, received.headers)).toEqual({ id: event.id, type, region: "us" });

  // The execution's request tab shows what was sent.
  const executions = await adminApi.get(`/api/v1/executions?integrationId=${integration.id}`);
  const [execution] = ((await executions.json()) as { data: { id: string }[] }).data;
  const detail = await adminApi.get(`/api/v1/executions/${execution.id}`);
  expect(((await detail.json()) as { request: { body: string } }).request.body).toBe(received.body);

  // A cancelled message: recorded as skipped, nothing sent; then an earlier version restored.
  await typeCode(page, "function handler(webhook) {\n  webhook.cancel = true;\n  return webhook;\n}");
  await page.getByRole("button", { name: "Save and use" }).click();
  await expect(page.getByText("Version 2 in use")).toBeVisible();
  const cancelled = await adminApi.post("/api/v1/events", {
    data: { type, title: "Order 43 paid", severity: "high", source: "shop", details: { region: "us" } },
  });
  expect(((await cancelled.json()) as { deliveriesQueued: number }).deliveriesQueued).toBe(0);
  await page.getByRole("button", { name: "Restore" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Restore and use" }).click();
  await expect(page.getByText("Version 3 in use")).toBeVisible();
  await screenshot(page, "transformation-versions");
  expect(r.requests).toHaveLength(1);
});

test("the transformation API: admins write and test, others are refused; errors are { code, message }", async ({ adminApi, makeUser }) => {
  const r = await startReceiver();
  receivers.push(r);
  const integration = await integrationWithWebhook(adminApi, r.url);
  const path = `/api/v1/integrations/${integration.id}/transformation`;

  const bad = await adminApi.put(path, { data: { code: "function handler(w) {\n  return w +;\n}" } });
  expect(bad.status()).toBe(422);
  const badBody = (await bad.json()) as { error: { code: string; message: string; fieldErrors: { code: string[] } } };
  expect(badBody.error.code).toBe("validation_failed");
  expect(badBody.error.fieldErrors.code[0]).toMatch(/line 2/);

  const make = "function handler(webhook) {\n  webhook.payload = [webhook.payload.data];\n  return webhook;\n}";
  const saved = await adminApi.put(path, { data: { code: make } });
  expect(saved.status(), await saved.text()).toBe(200);
  expect(((await saved.json()) as { current: { version: number } }).current.version).toBe(1);

  const tested = await adminApi.post(`${path}/test`, { data: {} });
  expect(tested.status(), await tested.text()).toBe(200);
  const result = (await tested.json()) as { outcome: string; request: { body: string; headers: { name: string; value: string }[] } };
  expect(result.outcome).toBe("transformed");
  const headers = Object.fromEntries(result.request.headers.map((h) => [h.name, h.value]));
  expect(new Webhook(integration.secret).verify(result.request.body, headers)).toEqual([
    expect.objectContaining({ message: expect.stringContaining("test webhook") }),
  ]);

  const reader = await makeUser("trigger");
  const session = await sessionClient(reader.email, reader.password);
  const readerApi = await tokenClient(await createToken(session, "transformations", ["read", "trigger"]));
  expect((await readerApi.get(path)).status()).toBe(403);
  expect((await readerApi.put(path, { data: { code: make } })).status()).toBe(403);
  expect((await readerApi.post(`${path}/test`, { data: {} })).status()).toBe(403);

  const removed = await adminApi.delete(path);
  expect(((await removed.json()) as { current: unknown }).current).toBeNull();
});
