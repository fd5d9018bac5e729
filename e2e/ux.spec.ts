import { randomUUID } from "node:crypto";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { startReceiver, type Receiver } from "../lib/testing/receiver";
import { E2E } from "./fixtures/config";
import { expect, signIn, test } from "./fixtures/portal";

/**
 * The portal as people use it, at a desktop width and at a phone's: nothing wider than the
 * window with long real data, a menu on phones, local times, lists that show new work, and the
 * small things a first day trips over.
 */

const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };
const LONG = "x".repeat(600);

let receiver: Receiver;
let failing = false;
test.beforeAll(async () => {
  receiver = await startReceiver((_q, res) => {
    res.writeHead(failing ? 503 : 200, { "content-type": "application/json", "x-trace-context": `trace-${"t".repeat(400)}` });
    res.end(
      JSON.stringify({
        accepted: !failing,
        echo: LONG,
        nested: { list: Array.from({ length: 20 }, (_, i) => ({ i, note: `item ${i} ${"y".repeat(80)}` })) },
      }),
    );
  });
});
test.afterAll(() => receiver.close());

interface World {
  integrationId: string;
  integrationName: string;
  eventId: string;
  eventTitle: string;
  eventExecutionId: string;
  failedExecutionId: string;
  retryExecutionId: string;
}
let world: World | null = null;

async function ok(response: Awaited<ReturnType<APIRequestContext["post"]>>, status = 201) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json() as Promise<Record<string, unknown>>;
}

async function newIntegration(adminApi: APIRequestContext, name: string, url: string) {
  const slug = `ux-${randomUUID().slice(0, 12)}`;
  const { id } = (await ok(
    await adminApi.post("/api/v1/integrations", {
      data: { name, slug, platform: "custom", description: `A long description. ${"word ".repeat(80)}` },
    }),
  )) as { id: string };
  await ok(
    await adminApi.put(`/api/v1/integrations/${id}/webhook`, {
      data: { url, enabled: true, timeoutSeconds: 5, bearerToken: "ux-token-5f1e" },
    }),
    200,
  );
  return id;
}

async function ingest(adminApi: APIRequestContext, title: string) {
  const details = {
    order: { id: "D-1042", lines: Array.from({ length: 15 }, (_, i) => ({ sku: `SKU-${i}-${"z".repeat(60)}`, qty: i })) },
    blob: LONG,
    note: "unbroken:" + "n".repeat(900),
  };
  const { id } = (await ok(
    await adminApi.post("/api/v1/events", {
      data: {
        type: "order.payment_declined.after_three_attempts",
        title,
        severity: "high",
        source: `ux-${randomUUID().slice(0, 8)}`,
        details,
      },
    }),
  )) as { id: string };
  return id;
}

/** One integration with a long name and URL, a rotated secret (two signatures), an event-mode delivery, and a failure delivered by a retry. */
async function longWorld(adminApi: APIRequestContext): Promise<World> {
  if (world) return world;
  const integrationName = `Quarterly reconciliation of the northern warehouse inventory feed ${randomUUID().slice(0, 6)}`;
  const integrationId = await newIntegration(
    adminApi,
    integrationName,
    `${receiver.url}/hooks/${"segment".repeat(40)}?signature_version=v1&${"q".repeat(300)}=1`,
  );
  await ok(await adminApi.post(`/api/v1/integrations/${integrationId}/webhook/secret/rotate`), 200);
  const eventTitle = `Payment declined for order D-1042 after three attempts ${randomUUID().slice(0, 6)}`;
  const eventId = await ingest(adminApi, eventTitle);
  failing = false;
  const sent = (await ok(await adminApi.post(`/api/v1/integrations/${integrationId}/trigger`, { data: { mode: "event", eventId } }))) as {
    id: string;
  };
  failing = true;
  const failed = (await ok(await adminApi.post(`/api/v1/integrations/${integrationId}/trigger`, { data: { mode: "default" } }))) as {
    id: string;
    status: string;
  };
  expect(failed.status).toBe("failed");
  failing = false;
  const retry = (await ok(await adminApi.post(`/api/v1/executions/${failed.id}/retry`))) as { id: string; status: string };
  expect(retry.status).toBe("succeeded");
  world = {
    integrationId,
    integrationName,
    eventId,
    eventTitle,
    eventExecutionId: sent.id,
    failedExecutionId: failed.id,
    retryExecutionId: retry.id,
  };
  return world;
}

async function pageAt(
  browser: Browser,
  viewport: { width: number; height: number },
  user: { email: string; password: string },
  options: { timezoneId?: string; baseURL?: string } = {},
) {
  const context = await browser.newContext({
    viewport,
    locale: "en-US",
    baseURL: options.baseURL ?? E2E.baseURL,
    timezoneId: options.timezoneId ?? "UTC",
  });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  return page;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(E2E.artifacts, "screenshots", `ux-${name}.png`), fullPage: true });
}

/** How far the document is wider than the window (0 when nothing sticks out sideways). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const severe = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function everyPage(adminApi: APIRequestContext) {
  const w = await longWorld(adminApi);
  return [
    ["overview", "/overview"],
    ["integrations", "/integrations"],
    ["integration", `/integrations/${w.integrationId}`],
    ["integration-edit", `/integrations/${w.integrationId}/edit`],
    ["integration-webhook", `/integrations/${w.integrationId}/webhook`],
    ["integration-transformation", `/integrations/${w.integrationId}/transformation`],
    ["integration-new", "/integrations/new"],
    ["events", "/events"],
    ["event", `/events/${w.eventId}`],
    ["event-types", "/event-types"],
    ["executions", "/executions"],
    ["execution-event", `/executions/${w.eventExecutionId}`],
    ["execution-failed", `/executions/${w.failedExecutionId}`],
    ["audit-log", "/audit-log"],
    ["users", "/admin/users"],
    ["settings", "/admin/settings"],
    ["api-docs", "/api-docs"],
    ["tokens", "/account/tokens"],
  ] as const;
}

for (const [label, viewport] of [
  ["1400", DESKTOP],
  ["390", PHONE],
] as const) {
  test(`no page is wider than the window at ${label} px, with long bodies, headers, URLs and names`, async ({
    browser,
    adminApi,
    makeUser,
  }) => {
    // Every page of the portal, each loaded, measured and photographed whole.
    test.setTimeout(180_000);
    const user = await makeUser("adminTrigger");
    const pages = await everyPage(adminApi);
    const signedOut = await browser.newPage({ viewport, baseURL: E2E.baseURL });
    await signedOut.goto("/sign-in");
    await expect(signedOut.getByRole("button", { name: "Sign in" })).toBeVisible();
    expect(await overflow(signedOut), "/sign-in sticks out sideways").toBeLessThanOrEqual(0);
    await shot(signedOut, `sign-in-${label}`);
    await signedOut.close();
    const page = await pageAt(browser, viewport, user);
    for (const [name, url] of pages) {
      await page.goto(url);
      await expect(page.locator("main h1").first()).toBeVisible();
      await page.waitForLoadState("networkidle");
      expect(await overflow(page), `${url} sticks out sideways`).toBeLessThanOrEqual(0);
      await shot(page, `${name}-${label}`);
    }
    // The execution's own controls stay on screen, the response tab too.
    await page.goto(`/executions/${world!.eventExecutionId}`);
    for (const control of [page.getByRole("button", { name: "Copy as cURL" }), page.getByRole("button", { name: "Copy Request body" })]) {
      const box = (await control.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    }
    await page.getByRole("tab", { name: /Response/ }).click();
    await expect(page.getByLabel("Response headers")).toContainText("x-trace-context");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, `execution-response-${label}`);
    await page.context().close();
  });
}

test("on a phone, the menu reaches every page, and lists keep their main action on screen", async ({ browser, adminApi, makeUser }) => {
  test.setTimeout(120_000);
  const user = await makeUser("adminTrigger");
  await longWorld(adminApi);
  const page = await pageAt(browser, PHONE, user);
  // A workspace admin: the workspace's pages, its Members and Plan; Settings is the instance admins'.
  const links = ["Overview", "Integrations", "Events", "Event types", "Executions", "Audit log", "Members", "Plan", "API reference"];
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  for (const link of links) {
    await page.getByRole("button", { name: "Menu" }).click();
    const menu = page.getByRole("dialog", { name: "Webhooks Portal" });
    await expect(menu.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveCount(links.length);
    if (link === "Integrations") {
      await shot(page, "menu-390");
      await expectAccessible(page);
    }
    await menu.getByRole("link", { name: link }).click();
    await expect(menu).toBeHidden();
    await expect(page.locator("main h1")).toBeVisible();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  }
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "API tokens" }).click();
  // The API reference (the page before) has an "API tokens" heading too: wait for the navigation.
  await expect(page).toHaveURL(/\/account\/tokens/);
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();

  // The lists fit: no sideways scrolling inside their tables, the row's main action within reach.
  const w = world!;
  const checks: [string, (p: Page) => ReturnType<Page["getByRole"]>][] = [
    [`/integrations?q=${encodeURIComponent(w.integrationName)}`, (p) => p.getByRole("button", { name: `Trigger ${w.integrationName}` })],
    [`/events?q=${encodeURIComponent(w.eventTitle)}`, (p) => p.getByRole("button", { name: `Send “${w.eventTitle}” to an integration` })],
    [`/executions?integrationId=${w.integrationId}`, (p) => p.getByRole("link", { name: w.integrationName }).first()],
  ];
  for (const [url, action] of checks) {
    await page.goto(url);
    const table = page.locator("main table").first();
    await expect(table).toBeVisible();
    const scroll = await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
    expect(scroll, `${url}: the table scrolls sideways`).toBeLessThanOrEqual(0);
    const box = (await action(page).boundingBox())!;
    expect(box.x + box.width, `${url}: the main action is off screen`).toBeLessThanOrEqual(PHONE.width);
  }
  // What answers "is it healthy" and "who did this" stays on a phone.
  await page.goto(`/integrations?q=${encodeURIComponent(w.integrationName)}`);
  const health = page.getByTestId("integration-health-phone");
  await expect(health).toBeVisible();
  await expect(health).toContainText("Custom");
  await expect(health).toContainText("Enabled");
  await expect(health).toContainText(/Last delivery:\s*Succeeded/);
  await shot(page, "integrations-390");
  await page.goto(`/audit-log?target=${encodeURIComponent(w.integrationName.slice(0, 30))}`);
  const entry = page.getByRole("table", { name: "Audit log, newest first" }).getByRole("row").filter({ hasText: "Signing secret rotated" });
  await expect(entry).toContainText("webhook.secret_rotated");
  await expect(entry.getByTestId("audit-actor-phone")).toHaveText(`by ${E2E.admin.email}`);
  await shot(page, "audit-log-390");
  await page.context().close();
});

test("times show in the viewer's time zone, relative in lists, with the exact UTC time as a title; the API stays UTC", async ({
  browser,
  adminApi,
  makeUser,
}) => {
  const w = await longWorld(adminApi);
  const user = await makeUser("reader");
  const page = await pageAt(browser, DESKTOP, user, { timezoneId: "Asia/Kolkata" });
  const api = (await (await user.api.get(`/api/v1/executions/${w.eventExecutionId}`)).json()) as { startedAt: string };
  expect(api.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const utc = `${api.startedAt.replace("T", " ").slice(0, 19)} UTC`;

  await page.goto(`/executions?integrationId=${w.integrationId}&view=attempts`);
  const listed = page.getByTestId(`execution-row-${w.eventExecutionId}`).locator("time");
  await expect(listed).toHaveText(/just now|min\. ago|hr\. ago/);
  await expect(listed).toHaveAttribute("title", new RegExp(`GMT\\+5:30 · ${utc}`));

  await page.goto(`/executions/${w.eventExecutionId}`);
  const started = page.locator("dd time").first();
  await expect(started).toHaveText(/GMT\+5:30/);
  await expect(started).toHaveAttribute("title", utc);
  const local = new Date(api.startedAt).toLocaleTimeString("en-US", {
    timeZone: "Asia/Kolkata",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  await expect(started).toContainText(local);

  const csv = await user.api.get(`/api/v1/executions/export?format=csv&integrationId=${w.integrationId}`);
  expect(await csv.text()).toContain(api.startedAt);
  await page.context().close();
});

test("the executions list names each execution's event by type and title, and counts what the filters match", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const w = await longWorld(adminApi);
  const user = await makeUser("reader");
  await signIn(page, user.email, user.password);
  await page.goto(`/executions?integrationId=${w.integrationId}&view=attempts`);
  const cell = page.getByTestId(`execution-row-${w.eventExecutionId}`).getByRole("link", { name: new RegExp(w.eventTitle) });
  await expect(cell).toContainText("order.payment_declined.after_three_attempts");
  await expect(cell).toHaveAttribute("href", `/w/default/events/${w.eventId}`);
  await expect(cell).not.toContainText(w.eventId.slice(0, 8));
  await expect(page.getByTestId("result-count")).toHaveText("3 attempts match these filters.");
  await page.goto(`/executions?integrationId=${w.integrationId}&status=failed&view=attempts`);
  await expect(page.getByTestId("result-count")).toHaveText("1 attempt matches these filters.");
  await page.goto(`/integrations/${w.integrationId}`);
  await expect(page.getByLabel("Success rate")).toContainText("2 of 3 delivered · 1 failed");
});

test("every page that shows delivery state updates itself while open: lists, integration, event and a retry that runs", async ({
  browser,
  adminApi,
  makeUser,
}) => {
  const name = `Live ${randomUUID().slice(0, 8)}`;
  const integrationId = await newIntegration(adminApi, name, `${receiver.url}/live`);
  const type = `live${randomUUID().replace(/-/g, "").slice(0, 8)}.happened`;
  const sub = await adminApi.post(`/api/v1/integrations/${integrationId}/subscriptions`, {
    data: { eventTypes: [type], retrySchedule: [15] },
  });
  expect(sub.status(), await sub.text()).toBe(201);
  const user = await makeUser("trigger");
  const context = await browser.newContext({ viewport: DESKTOP, locale: "en-US", baseURL: E2E.baseURL, timezoneId: "UTC" });
  const open = async (url: string) => {
    const page = await context.newPage();
    await page.goto(url);
    // Set once per load: still there at the end means the page changed without a reload.
    await page.evaluate(() => Object.assign(window, { loadedOnce: true }));
    return page;
  };
  const notReloaded = async (page: Page) => expect(await page.evaluate(() => "loadedOnce" in window)).toBe(true);
  await signIn(await context.newPage(), user.email, user.password);

  const integrations = await open(`/integrations?q=${encodeURIComponent(name)}`);
  const row = integrations.getByTestId(/^integration-row-/);
  await expect(row).toContainText("Never");
  const integration = await open(`/integrations/${integrationId}`);
  await expect(integration.getByLabel("Success rate")).toContainText("No deliveries yet");
  await expect(integration.getByTestId("delivery-chart")).toHaveAttribute("aria-label", /: 0 delivered, 0 failed\./);
  const executions = await open(`/executions?integrationId=${integrationId}`);
  const events = await open("/events");

  // An event arrives; its automatic delivery fails and a retry is scheduled 15 s later.
  failing = true;
  const title = `Live event ${randomUUID().slice(0, 8)}`;
  const created = await adminApi.post("/api/v1/events", { data: { type, title, severity: "high", source: "ux" } });
  expect(created.status(), await created.text()).toBe(201);
  const { id: eventId } = (await created.json()) as { id: string };
  // Queued with the event: its page is open before the worker sends it.
  const listed = (await (await user.api.get(`/api/v1/executions?eventId=${eventId}`)).json()) as { data: { id: string }[] };
  const execution = await open(`/executions/${listed.data[0].id}`);
  await expect(execution.getByText("Next retry", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(execution.getByRole("button", { name: "Cancel retries" })).toBeVisible();
  failing = false; // the retry, due in 15 s, will succeed
  await expect(events.getByRole("link", { name: title })).toBeVisible();
  const delivery = executions.getByTestId(/^delivery-row-/);
  await expect(delivery).toContainText("Scheduled");
  await expect(delivery.getByTestId("attempt-count")).toHaveText("2");
  await expect(row).toContainText("Scheduled");
  await expect(integration.getByLabel("Success rate")).toContainText("0 of 1 delivered · 1 failed");
  const event = await open(`/events/${eventId}`);

  // The retry runs and succeeds: every page says so by itself.
  const timeline = execution.getByRole("list", { name: "Attempts of this message" });
  await expect(timeline.getByTestId("timeline-item").nth(1)).toContainText("Succeeded", { timeout: 20_000 });
  await expect(timeline.getByTestId("timeline-item").nth(1)).toContainText(/Sent .* \(\+\d+ s\) · waited \d+ s after the one before/);
  await expect(execution.getByText("Retried", { exact: true })).toBeVisible();
  await expect(execution.getByRole("button", { name: "Cancel retries" })).toHaveCount(0);
  await expect(delivery).toContainText("Succeeded");
  await expect(row).toContainText("Succeeded");
  await expect(integration.getByLabel("Success rate")).toContainText("1 of 2 delivered · 1 failed");
  await expect(integration.getByTestId("delivery-chart")).toHaveAttribute("aria-label", /: 1 delivered, 1 failed\./);
  await expect(
    event
      .getByRole("table", { name: /xecutions, newest first/ })
      .getByRole("row")
      .filter({ hasText: "Succeeded" }),
  ).toHaveCount(1);
  for (const page of [integrations, integration, executions, events, execution, event]) await notReloaded(page);
  await shot(execution, "execution-retried-live-1400");
  await context.close();
});

test("a test send does not leave the integration's figures saying nothing happened without saying why", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const name = `Tested ${randomUUID().slice(0, 8)}`;
  const id = await newIntegration(adminApi, name, `${receiver.url}/tested`);
  await ok(await adminApi.post(`/api/v1/integrations/${id}/webhook/test`));
  const user = await makeUser("reader");
  await signIn(page, user.email, user.password);
  await page.goto(`/integrations/${id}`);
  await expect(page.getByRole("table", { name: "Recent executions, newest first" }).getByRole("row")).toHaveCount(2);
  await expect(page.getByLabel("Success rate")).toContainText("No deliveries yet");
  await expect(page.getByText("Test sends appear in the list below as kind “Test” but are not counted.")).toBeVisible();
  await page.goto(`/integrations?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("columnheader", { name: "Last delivery" })).toHaveAttribute("title", /test sends are not counted/);
});

test("a failed attempt that a retry delivered says so, and offers Retry only as a secondary action", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const w = await longWorld(adminApi);
  const user = await makeUser("trigger");
  await signIn(page, user.email, user.password);
  await page.goto(`/executions/${w.failedExecutionId}`);
  const note = page.getByTestId("delivered-by");
  await expect(note).toContainText("Delivered by manual retry #1");
  await expect(note.getByRole("link", { name: "manual retry #1" })).toHaveAttribute("href", `/w/default/executions/${w.retryExecutionId}`);
  const retry = page.getByRole("button", { name: "Retry" });
  const primary = await page.evaluate(() => {
    const probe = Object.assign(document.createElement("div"), { className: "bg-primary" });
    document.body.append(probe);
    const color = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return color;
  });
  await expect(retry).toBeVisible();
  expect(await retry.evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe(primary);
  await page.goto(`/executions/${w.retryExecutionId}`);
  await expect(page.getByTestId("delivered-by")).toHaveCount(0);
});

test("deactivating a user asks first; a new sign-in problem replaces the last one", async ({ page, makeUser }) => {
  const target = await makeUser("reader");
  await signIn(page, E2E.admin.email, E2E.admin.password);
  await page.goto("/admin/users");
  const row = page.getByTestId(`user-row-${target.email}`);
  const confirm = page.getByRole("alertdialog", { name: `Deactivate ${target.email}?` });
  // A click that lands before the page is hydrated opens nothing: click again until the dialog opens.
  await expect(async () => {
    await row.getByRole("button", { name: "Deactivate" }).click();
    await expect(confirm).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  const me = await target.api.get("/api/v1/me");
  expect(me.status()).toBe(200);
  await row.getByRole("button", { name: "Deactivate" }).click();
  await confirm.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByText(`${target.email} is deactivated.`)).toBeVisible();
  expect((await target.api.get("/api/v1/me")).status()).toBe(401);

  const fresh = await page.context().browser()!.newPage();
  await fresh.goto(`${E2E.baseURL}/sign-in`);
  await fresh.getByLabel("Email").fill("nobody@e2e.test");
  await fresh.getByLabel("Password").fill("not-the-password-1");
  await fresh.getByRole("button", { name: "Sign in" }).click();
  await expect(fresh.getByTestId("sign-in-error")).toContainText("not correct");
  await fresh.getByLabel("Email").fill("");
  await fresh.getByRole("button", { name: "Sign in" }).click();
  await expect(fresh.locator("#email-error")).toBeVisible();
  await expect(fresh.getByTestId("sign-in-error")).toHaveCount(0);
  await fresh.close();
});

test("the trigger dialog's heading agrees with a failed outcome", async ({ page, adminApi, makeUser }) => {
  const name = `Refusing ${randomUUID().slice(0, 8)}`;
  await newIntegration(adminApi, name, `${receiver.url}/refusing`);
  const user = await makeUser("trigger");
  await signIn(page, user.email, user.password);
  await page.goto(`/integrations?q=${encodeURIComponent(name)}`);
  await page.getByRole("button", { name: `Trigger ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Trigger ${name}` });
  failing = true;
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog.getByTestId("trigger-result")).toHaveAttribute("data-status", "failed");
  await expect(dialog).not.toContainText("Sent to");
  await expect(dialog.getByText(`The request to ${name} was not delivered.`)).toBeVisible();
  failing = false;
});

test("signing out returns to the sign-in page of the address the portal was opened under", async ({ browser, makeUser }) => {
  const user = await makeUser("reader");
  const other = E2E.baseURL.replace("127.0.0.1", "localhost");
  const page = await pageAt(browser, DESKTOP, user, { baseURL: other });
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${other}/sign-in`);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.goto("/integrations");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.context().close();
});

test("visible labels start the accessible names; the favicon is served", async ({ page, adminApi, makeUser }) => {
  const w = await longWorld(adminApi);
  const user = await makeUser("adminTrigger");
  await signIn(page, user.email, user.password);
  for (const url of [
    "/integrations",
    "/events",
    `/events/${w.eventId}`,
    `/integrations/${w.integrationId}`,
    `/executions/${w.failedExecutionId}`,
  ]) {
    await page.goto(url);
    await expect(page.locator("main h1")).toBeVisible();
    const mismatches = await page.locator("main").evaluate((main) =>
      [...main.querySelectorAll("button[aria-label], a[aria-label]")].flatMap((el) => {
        // Compared as axe does: words only, punctuation and symbols aside.
        const words = (text: string) =>
          text
            .toLowerCase()
            .replace(/[^\p{L}\p{N}]+/gu, " ")
            .trim();
        const visible = words((el as HTMLElement).innerText);
        const name = words(el.getAttribute("aria-label")!);
        return visible && !name.includes(visible) ? [`“${visible}” vs “${name}”`] : [];
      }),
    );
    expect(mismatches, url).toEqual([]);
  }
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /favicon\.svg/);
  const icon = await page.request.get("/favicon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});

test("filter rows never leave one filter alone on a line", async ({ browser, makeUser }) => {
  const user = await makeUser("adminTrigger");
  for (const viewport of [DESKTOP, PHONE]) {
    const page = await pageAt(browser, viewport, user);
    for (const url of ["/executions", "/events", "/audit-log"]) {
      await page.goto(url);
      // A row of one field is fine when the field is meant to take the whole row (the events' search).
      const rows = await page.locator('form[role="search"][aria-label^="Filter"] label').evaluateAll((labels) => {
        const byTop = new Map<number, { count: number; width: number; full: number }>();
        for (const label of labels) {
          const field = label.parentElement!.getBoundingClientRect();
          const grid = label.closest("form")!.firstElementChild!.getBoundingClientRect();
          const top = Math.round(label.getBoundingClientRect().top);
          const row = byTop.get(top) ?? { count: 0, width: field.width, full: grid.width };
          byTop.set(top, { ...row, count: row.count + 1 });
        }
        return [...byTop.values()];
      });
      const lone = rows.filter((r) => r.count === 1 && r.width < r.full - 2);
      expect(lone, `${url} at ${viewport.width} px: ${rows.map((r) => r.count).join(", ")}`).toEqual([]);
    }
    await page.context().close();
  }
});

test("the token form keeps its button in place when the name's error appears", async ({ page, makeUser }) => {
  const user = await makeUser("reader");
  await signIn(page, user.email, user.password);
  await page.goto("/account/tokens");
  const button = page.getByRole("button", { name: "Create token" });
  const before = (await button.boundingBox())!;
  await button.click();
  await expect(page.locator("#token-name-error")).toBeVisible();
  const after = (await button.boundingBox())!;
  expect(after.y).toBe(before.y);
});

test("a slow navigation shows that the page is loading", async ({ page, makeUser }) => {
  const user = await makeUser("reader");
  await signIn(page, user.email, user.password);
  await page.route("**/events**", async (route) => {
    if (route.request().headers()["rsc"]) await new Promise((r) => setTimeout(r, 2_000));
    await route.continue();
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Loading…" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();
});

test("leaving the webhook form with unsaved changes asks first", async ({ page, adminApi }) => {
  const id = await newIntegration(adminApi, `Unsaved ${randomUUID().slice(0, 8)}`, `${receiver.url}/unsaved`);
  await signIn(page, E2E.admin.email, E2E.admin.password);
  await page.goto(`/integrations/${id}/webhook`);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("URL", { exact: true }).fill(`${receiver.url}/changed`);
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Events" }).click();
  await expect.poll(() => asked).toEqual([expect.stringContaining("unsaved changes")]);
  await expect(page).toHaveURL(new RegExp(`/integrations/${id}/webhook$`));
  await expect(page.getByLabel("URL", { exact: true })).toHaveValue(`${receiver.url}/changed`);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();
});

test("the webhook page gives copyable verification code for Node.js, Python and Go, without the secret", async ({ page, adminApi }) => {
  const id = await newIntegration(adminApi, `Receiver ${randomUUID().slice(0, 8)}`, `${receiver.url}/receiver`);
  const { secret } = (await ok(await adminApi.post(`/api/v1/integrations/${id}/webhook/secret/reveal`), 200)) as { secret: string };
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, E2E.admin.email, E2E.admin.password);
  await page.goto(`/integrations/${id}/webhook`);
  const card = page.getByRole("region", { name: "Verify on the receiving side" });
  for (const [language, needle] of [
    ["Node.js", 'import { Webhook } from "standardwebhooks";'],
    ["Python", "from standardwebhooks.webhooks import Webhook"],
    ["Go", "standardwebhooks.NewWebhook"],
  ] as const) {
    await card.getByRole("tab", { name: language }).click();
    const code = card.getByLabel(`${language} verification code`);
    await expect(code).toContainText(needle);
    for (const header of ["webhook-id", "webhook-timestamp", "webhook-signature"])
      if (language !== "Go") await expect(code).toContainText(header);
    await expect(code).toContainText("WEBHOOK_TOKEN"); // this webhook has a bearer token
    await card.getByRole("button", { name: `Copy the ${language} code` }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.textContent());
  }
  await expect(page.locator("main")).not.toContainText(secret);
});

test("dark mode follows the system, can be chosen in the user menu, and stays readable", async ({ browser, adminApi, makeUser }) => {
  const w = await longWorld(adminApi);
  const user = await makeUser("adminTrigger");
  const context = await browser.newContext({ viewport: DESKTOP, locale: "en-US", baseURL: E2E.baseURL, colorScheme: "dark" });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  const html = page.locator("html");
  await expect(html).toHaveClass(/\bdark\b/);
  for (const [name, url] of [
    ["executions", `/executions?integrationId=${w.integrationId}`],
    ["execution", `/executions/${w.failedExecutionId}`],
    ["integration", `/integrations/${w.integrationId}`],
    ["event", `/events/${w.eventId}`],
    ["event-types", "/event-types"],
  ] as const) {
    await page.goto(url);
    await expect(page.locator("main h1")).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectAccessible(page);
    await shot(page, `dark-${name}-1400`);
  }
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitemradio", { name: "Light" }).click();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("main h1")).toBeVisible();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await page.getByTestId("user-menu").click();
  await expect(page.getByRole("menuitemradio", { name: "Light" })).toBeChecked();
  await page.getByRole("menuitemradio", { name: "System" }).click();
  await expect(html).toHaveClass(/\bdark\b/);
  await context.close();
});

test("an integration's page charts deliveries and failures over 24 hours, 7 days and 30 days; admins see every integration at once", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const w = await longWorld(adminApi);
  const user = await makeUser("reader");
  await signIn(page, user.email, user.password);
  await page.goto(`/integrations/${w.integrationId}`);
  await page.evaluate(() => Object.assign(window, { loadedOnce: true }));
  const chart = page.getByTestId("delivery-chart");
  await expect(chart).toHaveAttribute("aria-label", "Deliveries per hour over the last 24 hours: 2 delivered, 1 failed.");
  const bars = chart.getByTestId("chart-bar");
  await expect(bars).toHaveCount(24);
  // Pointing at the hour of the deliveries shows its counts; clicking lists that hour's executions.
  // (Found by its counts: an hour may have begun since they were sent.)
  const busyHour = chart.locator('[data-testid="chart-bar"][data-succeeded="2"][data-failed="1"]');
  await busyHour.hover();
  await expect(page.getByTestId("chart-hover")).toContainText(": 2 delivered, 1 failed");
  await shot(page, "integration-chart-hover-1400");
  await page.getByRole("navigation", { name: "Chart range" }).getByRole("link", { name: "30 days" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(chart).toHaveAttribute("aria-label", "Deliveries per day over the last 30 days: 2 delivered, 1 failed.");
  await expect(bars).toHaveCount(30);
  await expect(page.getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "true");
  expect(await page.evaluate(() => "loadedOnce" in window)).toBe(true); // the range changed without a reload
  await shot(page, "integration-chart-1400");
  await page.getByRole("navigation", { name: "Chart range" }).getByRole("link", { name: "24 hours" }).click();
  await expect(bars).toHaveCount(24); // the hours' bars, not the days' still on screen
  await busyHour.click();
  await expect(page).toHaveURL(new RegExp(`/executions\\?integrationId=${w.integrationId}&from=.+&to=.+`));
  await expect(page.getByRole("table", { name: /Deliveries, newest first/ }).getByRole("row")).toHaveCount(3); // header + 2 deliveries
  // The filters show the bar's hour, which a date input could not.
  const from = new URL(page.url()).searchParams.get("from")!;
  await expect(page.getByLabel("Started from")).toHaveValue(from);
  await expect(page.getByLabel("Started to")).toHaveValue(/^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/);

  // The admins' overview: the same chart for every integration, the failing ones first, the queue.
  await page.context().clearCookies();
  await signIn(page, E2E.admin.email, E2E.admin.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("delivery-chart")).toHaveAttribute(
    "aria-label",
    /^Deliveries per hour over the last 24 hours: \d+ delivered, [1-9]\d* failed\.$/,
  );
  await expect(page.getByTestId("failing-integration").filter({ hasText: w.integrationName })).toBeVisible();
  await expect(page.getByTestId("queue-depth")).toContainText("Queued");
  await shot(page, "overview-1400");
  await page.setViewportSize(PHONE);
  await expect.poll(() => overflow(page)).toBe(0);
  await shot(page, "overview-390");
});

test("executions are found by their webhook id", async ({ page, adminApi, makeUser }) => {
  const w = await longWorld(adminApi);
  const { messageId } = (await (await adminApi.get(`/api/v1/executions/${w.failedExecutionId}`)).json()) as { messageId: string };
  const user = await makeUser("reader");
  await signIn(page, user.email, user.password);
  await page.goto("/executions");
  const search = page.getByRole("search", { name: "Find by webhook id" });
  await search.getByLabel("Webhook id").fill("msg_not-an-id");
  await search.getByRole("button", { name: "Find" }).click();
  await expect(search.getByText("Use a webhook id as sent in the webhook-id header")).toBeVisible();
  await search.getByLabel("Webhook id").fill(messageId);
  await search.getByRole("button", { name: "Find" }).click();
  await expect(page).toHaveURL(`/w/default/executions?messageId=${messageId}`);
  // One row for the delivery, with its two attempts and its final state; opened, each attempt is a link.
  const rows = page.getByRole("table", { name: "Deliveries, newest first, each with its attempts" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  const delivery = page.getByTestId(`delivery-row-${messageId}`);
  await expect(delivery).toContainText("Succeeded");
  await delivery.getByRole("button", { name: "2 attempts: show them" }).click();
  const attempts = page.getByRole("list", { name: `Attempts of ${messageId}` });
  await expect(attempts.getByRole("link", { name: "First attempt" })).toHaveAttribute(
    "href",
    `/w/default/executions/${w.failedExecutionId}`,
  );
  await expect(attempts.getByRole("link", { name: "Manual retry #1" })).toHaveAttribute(
    "href",
    `/w/default/executions/${w.retryExecutionId}`,
  );
  await expect(attempts.getByTestId("delivery-attempt").first()).toContainText("Failed");
  await shot(page, "executions-grouped-1400");
  // Every attempt on its own row is one click away, with the same filter.
  await page.getByRole("navigation", { name: "Group executions" }).getByRole("link", { name: "Every attempt" }).click();
  await expect(page).toHaveURL(`/w/default/executions?messageId=${messageId}&view=attempts`);
  await expect(page.getByRole("table", { name: "Executions, newest first" }).getByRole("row")).toHaveCount(3);
  await expect(page.getByTestId(`execution-row-${w.failedExecutionId}`)).toBeVisible();
  await expect(page.getByTestId(`execution-row-${w.retryExecutionId}`)).toBeVisible();
  const api = (await (await user.api.get(`/api/v1/executions?messageId=${messageId}`)).json()) as { data: { id: string }[] };
  expect(api.data.map((a) => a.id).sort()).toEqual([w.failedExecutionId, w.retryExecutionId].sort());
});

test("a title without spaces, page descriptions, the Slack badge in dark mode and toasts stay in their place", async ({
  browser,
  adminApi,
  makeUser,
}) => {
  const title = `Unbroken${"W".repeat(180)}`;
  await ingest(adminApi, title);
  const slack = (await ok(
    await adminApi.post("/api/v1/integrations", { data: { name: `Slack ${randomUUID().slice(0, 8)}`, connectorType: "slack" } }),
  )) as {
    id: string;
  };
  const user = await makeUser("adminTrigger");
  for (const viewport of [DESKTOP, PHONE]) {
    const context = await browser.newContext({ viewport, locale: "en-US", baseURL: E2E.baseURL, colorScheme: "dark" });
    const page = await context.newPage();
    await signIn(page, user.email, user.password);

    // The events table keeps Severity, Source and Send on screen beside a title without spaces.
    await page.goto("/events");
    const row = page.getByRole("row").filter({ hasText: title.slice(0, 20) });
    await expect(row).toBeVisible();
    expect(await overflow(page), `events at ${viewport.width} px`).toBe(0);
    const table = page.getByRole("table", { name: "Events, newest first" });
    expect(await table.evaluate((t) => t.scrollWidth - t.parentElement!.clientWidth)).toBeLessThanOrEqual(0);
    await expect(row.getByRole("button", { name: /Send/ })).toBeInViewport();
    await shot(page, `long-title-${viewport.width}`);

    // Descriptions wrap between words: only a word longer than the line may break.
    const description = page.locator("main h1 + div").first();
    await expect(description).toBeVisible();
    expect(await description.evaluate((d) => getComputedStyle(d).wordBreak)).not.toBe("break-all");

    // The Slack badge follows dark mode like the other platforms' badges.
    await page.goto(`/integrations/${slack.id}`);
    const badge = page.locator("main").getByText("Slack", { exact: true }).first();
    const background = await badge.evaluate((b) => getComputedStyle(b).backgroundColor);
    // Chromium answers lab() or oklch(): either way the lightness, out of 100, is below half.
    const [, space, value] = /^(oklch|lab)\(([\d.]+)/.exec(background) ?? [];
    expect(space, background).toBeDefined();
    expect(space === "oklch" ? Number(value) * 100 : Number(value), background).toBeLessThan(50);
    await shot(page, `slack-dark-${viewport.width}`);

    // A toast never covers the user menu.
    await page.goto("/account/tokens");
    await page.getByLabel("Name").fill("Toast check");
    await page.getByRole("checkbox").first().check();
    await page.getByRole("button", { name: "Create token" }).click();
    const toast = page.locator("[data-sonner-toast]").first();
    await expect(toast).toBeVisible();
    const [t, m] = [(await toast.boundingBox())!, (await page.getByTestId("user-menu").boundingBox())!];
    const overlaps = t.x < m.x + m.width && m.x < t.x + t.width && t.y < m.y + m.height && m.y < t.y + t.height;
    expect(overlaps, `toast ${JSON.stringify(t)} over the user menu ${JSON.stringify(m)}`).toBe(false);
    await context.close();
  }
});

test("the executions list's integration picker takes what was typed: Enter picks the first match, keys pressed early apply to it", async ({
  page,
  adminApi,
  makeUser,
}) => {
  const prefix = `Picker${randomUUID().slice(0, 6)}`;
  const ids: Record<string, string> = {};
  for (const suffix of ["Alpha", "Beta", "Gamma"]) {
    ids[suffix] = (
      (await ok(await adminApi.post("/api/v1/integrations", { data: { name: `${prefix} ${suffix}`, platform: "custom" } }))) as {
        id: string;
      }
    ).id;
  }
  const user = await makeUser("reader");
  await signIn(page, user.email, user.password);
  await page.goto("/executions");
  const picker = page.getByLabel("Integration", { exact: true });

  // A whole name and Enter: that integration, not "Any".
  await picker.click();
  await page.getByPlaceholder("Name or slug…").fill(`${prefix} Beta`);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`integrationId=${ids.Beta}`));

  // Typed fast, then ↓ and Enter at once: the second match of what was typed, never of an earlier search.
  // From an unfiltered list, so that the URL shows the pick (the first step already chose Beta).
  await page.goto("/executions");
  await picker.click();
  await page.getByPlaceholder("Name or slug…").pressSequentially(prefix, { delay: 0 });
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`integrationId=${ids.Beta}`));
  await expect(page.getByPlaceholder("Name or slug…")).toBeHidden();
  await picker.click();
  await page.getByPlaceholder("Name or slug…").pressSequentially(`${prefix} G`, { delay: 0 });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`integrationId=${ids.Gamma}`));
});
