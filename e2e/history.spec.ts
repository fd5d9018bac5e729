import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { startReceiver, type Receiver } from "../lib/testing/receiver";
import { E2E } from "./fixtures/config";
import { expect, screenshot, signIn, test } from "./fixtures/portal";

const TOKEN = "history-e2e-token-5c2b";
let receiver: Receiver;
let failing = true;

test.beforeAll(async () => {
  receiver = await startReceiver((_q, res) => {
    res.writeHead(failing ? 500 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify(failing ? { error: "upstream exploded", retryable: true } : { received: true }));
  });
});
test.afterAll(() => receiver.close());

/** An integration whose webhook points at the test's receiver, made through the admin API. */
async function integration(adminApi: APIRequestContext, name: string, url = receiver.url) {
  const created = await adminApi.post("/api/v1/integrations", { data: { name, platform: "custom" } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const put = await adminApi.put(`/api/v1/integrations/${id}/webhook`, {
    data: { url, enabled: true, timeoutSeconds: 5, bearerToken: TOKEN },
  });
  expect(put.ok(), await put.text()).toBe(true);
  return id;
}

/** Chooses an integration in the executions filters' pick-list, by typing part of its name. */
async function pickIntegration(page: Page, name: string) {
  await page.getByLabel("Integration", { exact: true }).click();
  await page.getByPlaceholder("Name or slug…").fill(name.slice(-8));
  await page.getByRole("option").filter({ hasText: name }).click();
}

test("a reviewer finds a failed delivery, reads the answer, copies the cURL command and retries it", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const name = `Failing ${randomUUID().slice(0, 8)}`;
  const id = await integration(adminApi, name);
  const reviewer = await makeUser("trigger");
  failing = true;
  const trigger = await reviewer.api.post(`/api/v1/integrations/${id}/trigger`, { data: { mode: "default" } });
  expect(trigger.status(), await trigger.text()).toBe(201);

  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, reviewer.email, reviewer.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Executions" }).click();
  await expect(page.getByRole("heading", { name: "Executions" })).toBeVisible();
  await pickIntegration(page, name);
  await expect(page).toHaveURL(new RegExp(`integrationId=${id}`));
  const rows = page.getByRole("table", { name: "Deliveries, newest first, each with its attempts" }).getByRole("row");
  await expect(rows).toHaveCount(2); // header + the one delivery
  await expect(rows.nth(1)).toContainText("Failed");
  await expect(rows.nth(1)).toContainText("500");
  await screenshot(page, "executions-filtered");

  await rows.nth(1).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: `Execution of ${name}` })).toBeVisible();
  await expect(page.getByText("http_error")).toBeVisible();
  await page.getByRole("tab", { name: /Response/ }).click();
  await expect(page.getByLabel("Response body", { exact: true })).toContainText('"error": "upstream exploded"');
  await page.getByRole("button", { name: "Show raw" }).click();
  await expect(page.getByLabel("Response body", { exact: true })).toHaveText('{"error":"upstream exploded","retryable":true}');
  await screenshot(page, "execution-response");

  await page.getByRole("tab", { name: "Request" }).click();
  const curl = await page.getByTestId("curl-command").textContent();
  expect(curl).toContain(`curl -X 'POST' '${receiver.url}'`);
  expect(curl).toContain('-H "authorization: Bearer ${WEBHOOK_TOKEN}"');
  expect(curl).toMatch(/-H 'webhook-id: msg_[0-9A-Z]{26}'/);
  expect(curl).toMatch(/--data-binary ''$/);
  expect(curl).not.toContain(TOKEN);
  await expect(page.getByText(/Set WEBHOOK_TOKEN/)).toBeVisible();
  await page.getByRole("button", { name: "Copy as cURL" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(curl);
  await screenshot(page, "execution-request");

  failing = false;
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("heading", { name: `Execution of ${name}` })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Attempts of this message" }).getByTestId("timeline-item");
  await expect(timeline).toHaveCount(2);
  await expect(timeline.nth(0)).toContainText("First attempt");
  await expect(timeline.nth(0)).toContainText("Failed");
  await expect(timeline.nth(1)).toContainText("Manual retry #1");
  await expect(timeline.nth(1)).toContainText("Succeeded");
  await expect(timeline.nth(1)).toContainText("this attempt");
  expect(receiver.requests.filter((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toHaveLength(2);
  await screenshot(page, "execution-retried");

  const csv = await reviewer.api.get(`/api/v1/executions/export?format=csv&integrationId=${id}`);
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="executions-.*\.csv"$/);
  const text = await csv.text();
  expect(text.trimEnd().split("\r\n")).toHaveLength(3);
  expect(text).not.toMatch(/authorization|5c2b/i);
});

test("an admin finds a webhook configuration change in the audit log and opens its difference", async ({ page, adminApi }) => {
  const name = `Audited ${randomUUID().slice(0, 8)}`;
  const id = await integration(adminApi, name, "https://127.0.0.1:9/first");
  const put = await adminApi.put(`/api/v1/integrations/${id}/webhook`, {
    data: { url: "https://127.0.0.1:9/second", enabled: false, timeoutSeconds: 7 },
  });
  expect(put.ok(), await put.text()).toBe(true);

  await signIn(page, E2E.admin.email, E2E.admin.password);
  await page.goto("/audit-log");
  await page.getByLabel("Action", { exact: true }).selectOption("webhook.config_changed");
  await expect(page).toHaveURL(/action=webhook\.config_changed/);
  const row = page.getByRole("row").filter({ hasText: name }).first();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /Show changes of webhook\.config_changed/ }).click();
  const diff = page.getByRole("table", { name: "Changes" });
  await expect(diff.getByRole("row", { name: /url/ })).toContainText("https://127.0.0.1:9/first");
  await expect(diff.getByRole("row", { name: /url/ })).toContainText("https://127.0.0.1:9/second");
  await expect(diff.getByRole("row", { name: /enabled/ })).toContainText("changed");
  await expect(diff).not.toContainText(TOKEN);
  await screenshot(page, "audit-log-diff");

  const api = await adminApi.get(`/api/v1/audit-log?targetType=integration&targetId=${id}&action=webhook.config_changed`);
  expect(api.status()).toBe(200);
  expect(((await api.json()) as { data: unknown[] }).data).toHaveLength(2);
});

test("a user who is not an admin gets no audit log, in the portal or from the API", async ({ page, makeUser }) => {
  const user = await makeUser("trigger");
  await signIn(page, user.email, user.password);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  expect((await page.goto("/audit-log"))?.status()).toBe(403);
  for (const path of ["/api/v1/audit-log", "/api/v1/audit-log/export?format=csv"]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "forbidden", message: expect.any(String) } });
  }
});

test("a reviewer finds failed deliveries by text in their bodies and retries the selected ones, following their progress", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const name = `Searched ${randomUUID().slice(0, 8)}`;
  const id = await integration(adminApi, name);
  const word = `ord${randomUUID().slice(0, 8)}`;
  const created = await adminApi.post("/api/v1/events", {
    data: { type: "order.failed", title: `Order ${word} failed`, severity: "high", source: "e2e" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id: eventId } = (await created.json()) as { id: string };
  const reviewer = await makeUser("trigger");
  failing = true;
  for (const data of [{ mode: "event", eventId }, { mode: "event", eventId }, { mode: "default" }]) {
    expect((await reviewer.api.post(`/api/v1/integrations/${id}/trigger`, { data })).status()).toBe(201);
  }

  await signIn(page, reviewer.email, reviewer.password);
  await page.goto("/executions");
  await pickIntegration(page, name);
  await expect(page).toHaveURL(new RegExp(`integrationId=${id}`));
  await expect(page.getByLabel("Integration", { exact: true })).toHaveText(name);
  const table = page.getByRole("table", { name: "Deliveries, newest first, each with its attempts" });
  await expect(table.getByRole("row")).toHaveCount(4);
  const search = page.getByLabel(/Text in the request or response body/);
  await search.fill(word.toUpperCase());
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${word.toUpperCase()}`));
  await expect(table.getByRole("row")).toHaveCount(3); // header + the two event-mode sends
  await screenshot(page, "executions-body-search");

  failing = false;
  await table.getByRole("checkbox", { name: "Select every failed delivery on this page" }).check();
  await expect(page.getByTestId("selection-bar")).toContainText("2 selected");
  await page.getByRole("button", { name: "Retry selected…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Queue the retries" }).click();
  await expect(page.getByText("Queued 2 retries.")).toBeVisible();
  await expect(page.getByTestId("retry-progress")).toContainText("Retries finished: 2 of 2 done · 2 delivered · 0 failed", {
    timeout: 15_000,
  });
  await screenshot(page, "executions-selected-retried");
  // Only the two chosen were sent again; the default-mode one was not.
  const retries = await reviewer.api.get(`/api/v1/executions?integrationId=${id}&kind=manual_retry`);
  const { data } = (await retries.json()) as { data: { mode: string; status: string }[] };
  expect(data.map((a) => [a.mode, a.status])).toEqual([
    ["event", "succeeded"],
    ["event", "succeeded"],
  ]);
});
