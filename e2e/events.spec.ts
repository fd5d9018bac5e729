import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { E2E } from "./fixtures/config";
import { expect, screenshot, signIn, test } from "./fixtures/portal";

async function ingest(api: APIRequestContext, event: Record<string, unknown>) {
  const res = await api.post("/api/v1/events", { data: event });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; title: string };
}

test("ingested events appear in the list, and the filters live in the URL through reload and back", async ({ page, adminApi }) => {
  const source = `e2e-${randomUUID().slice(0, 8)}`;
  const failed = await ingest(adminApi, {
    type: "order.failed",
    title: `Payment declined ${source}`,
    severity: "high",
    source,
    details: { order: "D-1" },
  });
  const shipped = await ingest(adminApi, { type: "order.shipped", title: `Order shipped ${source}`, severity: "info", source });

  await signIn(page, E2E.admin.email, E2E.admin.password);
  await page.goto("/events");
  await expect(page.getByRole("link", { name: failed.title })).toBeVisible();
  await expect(page.getByRole("link", { name: shipped.title })).toBeVisible();

  await page.getByLabel("Source").fill(source);
  await expect(page).toHaveURL(new RegExp(`source=${source}`));
  await expect(page.getByRole("row")).toHaveCount(3);
  await page.getByLabel("Severity").selectOption("high");
  await expect(page).toHaveURL(/severity=high/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("link", { name: failed.title })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Severity")).toHaveValue("high");
  await expect(page.getByLabel("Source")).toHaveValue(source);
  await expect(page.getByRole("row")).toHaveCount(2);

  await page.goBack();
  await expect(page).not.toHaveURL(/severity=/);
  await expect(page.getByLabel("Severity")).toHaveValue("");
  await expect(page.getByRole("row")).toHaveCount(3);

  await page.getByLabel("Search titles").fill("SHIPPED");
  await expect(page).toHaveURL(/q=SHIPPED/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("link", { name: shipped.title })).toBeVisible();

  await page.getByLabel("Search titles").fill("no such title anywhere");
  await expect(page.getByText("No events match these filters")).toBeVisible();
  await screenshot(page, "events-no-match");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByLabel("Search titles")).toHaveValue("");
  await screenshot(page, "events-list");
});

test("the detail page shows the details as a tree whose nodes collapse", async ({ page, adminApi }) => {
  const event = await ingest(adminApi, {
    type: "incident.opened",
    title: `Checkout error rate above 5% ${randomUUID().slice(0, 8)}`,
    severity: "critical",
    source: "e2e-monitoring",
    details: { service: "checkout-api", metric: { name: "http_5xx_rate", value: 0.071 }, tags: ["p1", "checkout"] },
  });
  await signIn(page, E2E.admin.email, E2E.admin.password);
  await page.goto("/events");
  await page.getByRole("link", { name: event.title }).click();
  await expect(page).toHaveURL(`/w/default/events/${event.id}`);
  await expect(page.getByRole("heading", { name: event.title })).toBeVisible();

  const details = page.getByRole("group", { name: "Event details" });
  await expect(details).toContainText('"service": "checkout-api"');
  await expect(details).toContainText('"value": 0.071');
  const metric = details.getByRole("button", { name: /^metric: 2 keys, object/ });
  await expect(metric).toHaveAttribute("aria-expanded", "true");
  await metric.click();
  await expect(metric).toHaveAttribute("aria-expanded", "false");
  await expect(details).not.toContainText('"value": 0.071');
  await metric.focus();
  await page.keyboard.press("Enter");
  await expect(details).toContainText('"value": 0.071');
  await expect(page.getByRole("heading", { name: "Executions with this event" })).toBeVisible();
  await screenshot(page, "event-detail");
});

test("the API validates events, limits their size and refuses non-admins", async ({ adminApi, makeUser }) => {
  const valid = { type: "order.failed", title: "Validation", severity: "low", source: "e2e-api" };
  const notObject = await adminApi.post("/api/v1/events", { data: { ...valid, details: [1, 2] } });
  expect(notObject.status()).toBe(422);
  expect((await notObject.json()).error.fieldErrors).toHaveProperty("details");
  const badType = await adminApi.post("/api/v1/events", { data: { ...valid, type: "Order Failed", severity: "urgent" } });
  expect(Object.keys((await badType.json()).error.fieldErrors).sort()).toEqual(["severity", "type"]);
  const tooLarge = await adminApi.post("/api/v1/events", { data: { ...valid, details: { blob: "x".repeat(300 * 1024) } } });
  expect(tooLarge.status()).toBe(413);

  for (const role of ["reader", "trigger"] as const) {
    const { api } = await makeUser(role);
    expect((await api.post("/api/v1/events", { data: valid })).status()).toBe(403);
    expect((await api.get("/api/v1/events?severity=low")).status()).toBe(200);
  }

  const { id } = await ingest(adminApi, valid);
  const list = await adminApi.get(`/api/v1/events?source=e2e-api&type=order.failed&limit=1`);
  const page = (await list.json()) as { data: { id: string; details?: unknown }[]; nextCursor: string | null };
  expect(page.data.map((e) => e.id)).toEqual([id]);
  expect(page.data[0]).not.toHaveProperty("details");
  expect((await (await adminApi.get(`/api/v1/events/${id}`)).json()).details).toEqual({});
  expect((await adminApi.get("/api/v1/events/not-an-id")).status()).toBe(404);
});
