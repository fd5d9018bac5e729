import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startReceiver, type Receiver } from "../lib/testing/receiver";
import { E2E } from "./fixtures/config";
import { expect, screenshot, signIn, test } from "./fixtures/portal";

const receivers: Receiver[] = [];
test.afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

async function integrationWithWebhook(adminApi: APIRequestContext, url: string) {
  const name = `Incidents ${randomUUID().slice(0, 8)}`;
  const created = await adminApi.post("/api/v1/integrations", { data: { name, platform: "custom" } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const put = await adminApi.put(`/api/v1/integrations/${id}/webhook`, { data: { url, enabled: true, timeoutSeconds: 5 } });
  expect(put.ok(), await put.text()).toBe(true);
  const reveal = await adminApi.post(`/api/v1/integrations/${id}/webhook/secret/reveal`);
  return { id, name, secret: ((await reveal.json()) as { secret: string }).secret };
}

test("an admin subscribes an integration; an ingested event is delivered and shows up without a reload", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const r = await startReceiver();
  receivers.push(r);
  const integration = await integrationWithWebhook(adminApi, r.url);
  const source = `e2e-${randomUUID().slice(0, 8)}`;
  const admin = await makeUser("admin");

  await signIn(page, admin.email, admin.password);
  await page.goto(`/integrations/${integration.id}`);
  await page.getByRole("button", { name: "Add subscription" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Event types").fill("incident.*");
  await dialog.getByLabel("Minimum severity").selectOption("high");
  await dialog.getByLabel("Sources (optional)").fill(source);
  // A filter with an unknown operator is refused beside its field, nothing saved.
  await dialog.getByLabel("Filter on the event (optional, JSON)").fill('{"details.region": {"$regex": "eu"}}');
  await dialog.getByRole("button", { name: "Add subscription" }).click();
  await expect(dialog.getByText(/Unknown operator \$regex/)).toBeVisible();
  await dialog.getByLabel("Filter on the event (optional, JSON)").fill('{"details.region": {"$in": ["eu", "us"]}}');
  await dialog.getByRole("button", { name: "Add subscription" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("subscription");
  await expect(row).toContainText("incident.*");
  await expect(row).toContainText("severity ≥ high");
  await expect(row).toContainText("0 deliveries in the last 24 h");
  await screenshot(page, "subscriptions-card");

  // Ingested by an API token (another system); below the severity threshold nothing is queued.
  const low = await adminApi.post("/api/v1/events", {
    data: { type: "incident.opened", title: `Minor blip ${source}`, severity: "low", source, details: { region: "eu" } },
  });
  expect(((await low.json()) as { deliveriesQueued: number }).deliveriesQueued).toBe(0);
  const res = await adminApi.post("/api/v1/events", {
    data: { type: "incident.opened", title: `Database down ${source}`, severity: "critical", source, details: { region: "eu" } },
  });
  expect(res.status(), await res.text()).toBe(201);
  const event = (await res.json()) as { id: string; deliveriesQueued: number };
  expect(event.deliveriesQueued).toBe(1);

  // The portal's own worker sends it; the page shows it without a reload.
  const executions = page.getByRole("table", { name: /xecutions, newest first/ });
  await expect(executions.getByRole("row").filter({ hasText: "Automatic" })).toHaveCount(1, { timeout: 15_000 });
  await expect(executions.getByRole("row").filter({ hasText: "Succeeded" })).toHaveCount(1, { timeout: 15_000 });
  expect(r.requests).toHaveLength(1);
  const payload = new Webhook(integration.secret).verify(r.requests[0].body, r.requests[0].headers) as { data: { event: { id: string } } };
  expect(payload.data.event.id).toBe(event.id);
  await screenshot(page, "subscriptions-delivered");

  // The API lists what the subscription caused.
  const list = await adminApi.get(`/api/v1/integrations/${integration.id}/subscriptions`);
  const [sub] = ((await list.json()) as { data: { id: string }[] }).data;
  const caused = await adminApi.get(`/api/v1/executions?kind=automatic&subscriptionId=${sub.id}`);
  expect(((await caused.json()) as { data: unknown[] }).data).toHaveLength(1);
  const types = await adminApi.get("/api/v1/event-types");
  expect(((await types.json()) as { data: { name: string }[] }).data.map((t) => t.name)).toContain("incident.opened");
  expect(E2E.baseURL).toContain("127.0.0.1");
});

test("a 410 disables the subscription with its reason; it is enabled in one click and a recover sends what was missed", async ({
  page,
  adminApi,
  makeUser,
}) => {
  let answer = 410;
  const r = await startReceiver((_req, res) => res.writeHead(answer).end());
  receivers.push(r);
  const integration = await integrationWithWebhook(adminApi, r.url);
  const type = `gone${randomUUID().slice(0, 6)}.happened`;
  const sub = await adminApi.post(`/api/v1/integrations/${integration.id}/subscriptions`, {
    data: { eventTypes: [type], retrySchedule: [60, 300, 1800], disableAfterFailures: 3 },
  });
  expect(sub.status(), await sub.text()).toBe(201);
  const user = await makeUser("adminTrigger");
  await signIn(page, user.email, user.password);
  await page.goto(`/integrations/${integration.id}`);
  await expect(page.getByTestId("subscription")).toContainText("Retried after 1 min, 5 min, 30 min");

  const ingest = () => adminApi.post("/api/v1/events", { data: { type, title: "Gone", severity: "info", source: "e2e" } });
  expect((await ingest()).status()).toBe(201);
  await expect
    .poll(
      async () =>
        ((await (await adminApi.get(`/api/v1/subscriptions/${((await sub.json()) as { id: string }).id}`)).json()) as { state: string })
          .state,
      { timeout: 15_000 },
    )
    .toBe("disabled");
  await page.reload();
  await expect(page.getByTestId("disabled-reason")).toContainText("410 Gone");
  await expect(page.getByTestId("subscription")).toContainText("Disabled");
  // While disabled, matching events are kept as skipped deliveries.
  const skipped = (await (await ingest()).json()) as { deliveriesSkipped: number };
  expect(skipped.deliveriesSkipped).toBe(1);
  await screenshot(page, "subscription-disabled-410");

  answer = 200;
  await page.getByRole("switch", { name: `Enabled: ${type}` }).click();
  await expect(page.getByTestId("disabled-reason")).toBeHidden();
  await page.getByRole("button", { name: "Recover…" }).click();
  const since = new Date(Date.now() - 3600_000);
  since.setMinutes(since.getMinutes() - since.getTimezoneOffset());
  await page.getByLabel("Since (your local time)").fill(since.toISOString().slice(0, 16));
  await page.getByRole("button", { name: "Start recover" }).click();
  await expect(page.getByTestId("recovery-run").first()).toContainText("completed", { timeout: 15_000 });
  await expect(page.getByTestId("recovery-run").first()).toContainText("2 of 2 queued again");
  await expect.poll(() => r.requests.length, { timeout: 15_000 }).toBe(3);
  await screenshot(page, "subscription-recovered");
});

test("Retry all that match: every failed execution of the filtered list is retried by the workers", async ({
  page,
  adminApi,
  makeUser,
}) => {
  let answer = 500;
  const r = await startReceiver((_req, res) => res.writeHead(answer).end());
  receivers.push(r);
  const integration = await integrationWithWebhook(adminApi, r.url);
  const type = `bulk${randomUUID().slice(0, 6)}.happened`;
  expect(
    (
      await adminApi.post(`/api/v1/integrations/${integration.id}/subscriptions`, {
        data: { eventTypes: [type], disableAfterFailures: 100, retrySchedule: null },
      })
    ).status(),
  ).toBe(201);
  for (let i = 0; i < 3; i++)
    expect((await adminApi.post("/api/v1/events", { data: { type, title: `Bulk ${i}`, severity: "info", source: "e2e" } })).status()).toBe(
      201,
    );
  await expect.poll(() => r.requests.length, { timeout: 15_000 }).toBe(3);

  const user = await makeUser("trigger");
  await signIn(page, user.email, user.password);
  await page.goto(`/executions?integrationId=${integration.id}&status=failed`);
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: "Failed" })).toHaveCount(3, { timeout: 15_000 });
  answer = 200;
  await page.getByRole("button", { name: "Retry all that match…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Queue the retries" }).click();
  await expect(page.getByText("Queued 3 retries.")).toBeVisible();
  await expect.poll(() => r.requests.length, { timeout: 15_000 }).toBe(6);
  await page.goto(`/executions?integrationId=${integration.id}&kind=manual_retry`);
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: "Succeeded" })).toHaveCount(3, { timeout: 15_000 });
  await screenshot(page, "bulk-retried");
});
