import { randomUUID } from "node:crypto";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import pg from "pg";
import { E2E } from "./fixtures/config";
import { databaseUrl } from "./fixtures/database";
import { expect, screenshot, signIn, test } from "./fixtures/portal";
import { sessionClient, tokenClient } from "./fixtures/session";

/**
 * The portal's pages under their workspace, in a real browser: two people in two workspaces each
 * see only their own integrations, events and executions; a page of the other workspace is not
 * found; the switcher moves between one's own workspaces; URLs without a workspace still work.
 * The workspaces and memberships are written to the e2e server's database directly.
 */

/** The built-in "Default" plan (prisma/migrations/…_workspaces): no limits. */
const DEFAULT_PLAN_ID = "00000000-0000-4000-8000-0000000000a0";

/** The e2e server's own embedded PostgreSQL (e2e/fixtures/config.ts: its data folder and port). */

interface Person {
  id: string;
  email: string;
  password: string;
}

interface Seeded {
  slug: string;
  name: string;
  integration: { id: string; name: string };
  event: { id: string; title: string };
  execution: string;
}

const marker = randomUUID().slice(0, 8);
const json = async <T>(res: { status(): number; text(): Promise<string> }, expected: number): Promise<T> => {
  const text = await res.text();
  expect(res.status(), text).toBe(expected);
  return JSON.parse(text) as T;
};

test.describe("workspaces in the portal", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(120_000);

  let db: pg.Client;
  let ann: Person; // owner of Alpha, member of Gamma
  let ben: Person; // owner of Bravo, nothing else
  let cat: Person; // in no workspace
  let alpha: Seeded;
  let bravo: Seeded;
  let gamma: Seeded;

  test.beforeAll(async () => {
    db = new pg.Client({ connectionString: databaseUrl() });
    await db.connect();
  });
  test.afterAll(async () => {
    await db?.end();
  });

  async function person(adminApi: APIRequestContext, name: string): Promise<Person> {
    const email = `${name}-${marker}@e2e.test`;
    const password = `pw-${randomUUID()}`;
    const { id } = await json<{ id: string }>(
      await adminApi.post("/api/v1/users", { data: { email, name: `${name[0].toUpperCase()}${name.slice(1)} ${marker}`, password } }),
      201,
    );
    return { id, email, password };
  }

  async function workspace(name: string, slug: string) {
    await db.query(`INSERT INTO "Workspace" ("id", "name", "slug", "planId", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [
      randomUUID(),
      name,
      slug,
      DEFAULT_PLAN_ID,
    ]);
  }

  /** Exactly these memberships, in this order (the first is where a sign-in without a workspace lands). */
  async function memberships(who: Person, of: { slug: string; role: "owner" | "admin" | "member" }[]) {
    await db.query(`DELETE FROM "Membership" WHERE "userId" = $1`, [who.id]);
    for (const [i, m] of of.entries()) {
      await db.query(
        `INSERT INTO "Membership" ("workspaceId", "userId", "role", "canTriggerIntegrations", "createdAt")
         SELECT "id", $1, $2, false, now() + make_interval(secs => $4) FROM "Workspace" WHERE "slug" = $3`,
        [who.id, m.role, m.slug, i],
      );
    }
  }

  /** An integration with a webhook, made by the workspace's owner through the API, an event and its delivery. */
  async function seed(owner: Person, slug: string, name: string, label: string): Promise<Seeded> {
    const session = await sessionClient(owner.email, owner.password);
    const { token } = await json<{ token: string }>(
      await session.post(`/api/v1/workspaces/${slug}/tokens`, {
        data: { name: `${label} token`, scopes: ["read", "events:write", "admin"] },
        headers: { Origin: E2E.baseURL },
      }),
      201,
    );
    await session.dispose();
    const api = await tokenClient(token);
    const integration = await json<{ id: string; name: string }>(
      await api.post("/api/v1/integrations", { data: { name: `${label} hooks ${marker}`, platform: "n8n" } }),
      201,
    );
    await json(
      await api.put(`/api/v1/integrations/${integration.id}/webhook`, { data: { url: `http://127.0.0.1:9/${label}`, enabled: true } }),
      200,
    );
    await api.dispose();
    // The event and its delivery are written directly: what matters here is which pages show them
    // (ingest's and the delivery engine's own isolation is the isolation matrix's).
    const event = { id: randomUUID(), title: `${label} order ${marker}` };
    const execution = randomUUID();
    const messageId = `msg_${randomUUID().replace(/-/g, "")}`;
    await db.query(
      `WITH w AS (SELECT "id" FROM "Workspace" WHERE "slug" = $1),
       e AS (
         INSERT INTO "Event" ("id", "workspaceId", "type", "title", "severity", "source", "occurredAt")
         SELECT $2, w."id", 'order.created', $3, 'info', 'shop', now() FROM w
       ), m AS (
         INSERT INTO "Message" ("id", "workspaceId", "integrationId", "integrationName", "mode", "eventId", "body")
         SELECT $4, w."id", $5, $6, 'event', $2, '{}' FROM w
       )
       INSERT INTO "Attempt" ("id", "workspaceId", "messageId", "integrationId", "integrationName", "mode", "eventId", "kind", "status",
         "timeoutSeconds", "requestUrl", "requestHeaders", "responseStatus", "durationMs", "sentAt", "finishedAt")
       SELECT $7, w."id", $4, $5, $6, 'event', $2, 'initial', 'succeeded', 10, $8, '{}', 200, 12, now(), now() FROM w`,
      [slug, event.id, event.title, messageId, integration.id, integration.name, execution, `http://127.0.0.1:9/${label}`],
    );
    return { slug, name, integration: { id: integration.id, name: integration.name }, event, execution };
  }

  async function signedIn(browser: Browser, who: Person, viewport = { width: 1440, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, who.email, who.password);
    return page;
  }

  test("set-up: three workspaces, two people in their own, one in none", async ({ adminApi }) => {
    [ann, ben, cat] = [await person(adminApi, "ann"), await person(adminApi, "ben"), await person(adminApi, "cat")];
    const names = { alpha: `Alpha ${marker}`, bravo: `Bravo ${marker}`, gamma: `Gamma ${marker}` };
    const slugs = { alpha: `alpha-${marker}`, bravo: `bravo-${marker}`, gamma: `gamma-${marker}` };
    for (const key of ["alpha", "bravo", "gamma"] as const) await workspace(names[key], slugs[key]);
    await memberships(ann, [
      { slug: slugs.alpha, role: "owner" },
      { slug: slugs.gamma, role: "owner" },
    ]);
    await memberships(ben, [{ slug: slugs.bravo, role: "owner" }]);
    await memberships(cat, []);
    alpha = await seed(ann, slugs.alpha, names.alpha, "Alpha");
    gamma = await seed(ann, slugs.gamma, names.gamma, "Gamma");
    bravo = await seed(ben, slugs.bravo, names.bravo, "Bravo");
    // In Gamma, Ann is a member only: no overview, no Members page.
    await memberships(ann, [
      { slug: slugs.alpha, role: "owner" },
      { slug: slugs.gamma, role: "member" },
    ]);
  });

  test("each person sees only their own workspace's integrations, events and executions", async ({ browser }) => {
    for (const [who, own, other] of [
      [ann, alpha, bravo],
      [ben, bravo, alpha],
    ] as const) {
      const page = await signedIn(browser, who);
      // Signing in lands in the person's (first) workspace, every link of the shell under it.
      await expect(page).toHaveURL(new RegExp(`/w/${own.slug}/integrations$`));
      const nav = page.getByRole("navigation", { name: "Main" }).first();
      for (const href of await nav.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href"))))
        expect(href).toMatch(new RegExp(`^/w/${own.slug}/`));

      await expect(page.getByRole("link", { name: own.integration.name, exact: true })).toBeVisible();
      await expect(page.getByText(other.integration.name)).toHaveCount(0);
      await page.getByRole("link", { name: own.integration.name, exact: true }).click();
      await expect(page).toHaveURL(`/w/${own.slug}/integrations/${own.integration.id}`);

      await nav.getByRole("link", { name: "Events", exact: true }).click();
      await expect(page).toHaveURL(`/w/${own.slug}/events`);
      await expect(page.getByRole("link", { name: own.event.title })).toBeVisible();
      await expect(page.getByText(other.event.title)).toHaveCount(0);
      await page.getByRole("link", { name: own.event.title }).click();
      await expect(page).toHaveURL(`/w/${own.slug}/events/${own.event.id}`);

      await nav.getByRole("link", { name: "Executions", exact: true }).click();
      await expect(page).toHaveURL(`/w/${own.slug}/executions`);
      await expect(page.getByRole("link", { name: own.integration.name }).first()).toBeVisible();
      await expect(page.getByText(other.integration.name)).toHaveCount(0);
      // Downloads and live updates name the page's workspace too.
      await expect(page.getByRole("link", { name: /as CSV/ })).toHaveAttribute(
        "href",
        new RegExp(`^/api/v1/workspaces/${own.slug}/executions/export\\?`),
      );
      await page.goto(`/w/${own.slug}/executions/${own.execution}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.context().close();
    }
  });

  test("a page of another workspace, or of none by that name, is not found and shows nothing of it", async ({ browser }) => {
    const page = await signedIn(browser, ann);
    for (const url of [
      `/w/${bravo.slug}/integrations/${bravo.integration.id}`,
      `/w/${bravo.slug}/integrations`,
      `/w/${bravo.slug}/events/${bravo.event.id}`,
      `/w/${alpha.slug}/integrations/${bravo.integration.id}`,
      `/w/${alpha.slug}/executions/${bravo.execution}`,
      `/w/no-such-${marker}/integrations`,
      `/integrations/${bravo.integration.id}`,
    ]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      const html = await page.content();
      for (const secret of [bravo.name, bravo.integration.name, bravo.event.title]) expect(html, url).not.toContain(secret);
    }
    await page.context().close();
  });

  test("the switcher lists one's workspaces and switches; with one workspace it shows just its name", async ({ browser }) => {
    const page = await signedIn(browser, ann);
    await page.goto(`/w/${alpha.slug}/integrations`);
    const sidebar = page.locator("aside");
    const switcher = sidebar.getByTestId("workspace-switcher");
    await expect(switcher).toContainText(alpha.name);
    // An owner of Alpha: its Members page and Plan; no instance pages.
    const nav = sidebar.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Members", exact: true })).toHaveAttribute("href", `/w/${alpha.slug}/admin/users`);
    await expect(nav.getByRole("link", { name: "Plan", exact: true })).toHaveAttribute("href", `/w/${alpha.slug}/plan`);
    await expect(nav.getByRole("link", { name: "Workspaces", exact: true })).toHaveCount(0);
    await switcher.click();
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem")).toHaveText([new RegExp(alpha.name), new RegExp(gamma.name)]);
    await expect(menu.getByRole("menuitem", { name: new RegExp(bravo.name) })).toHaveCount(0);
    await screenshot(page, "workspace-switcher-1440");
    await menu.getByRole("menuitem", { name: new RegExp(gamma.name) }).click();
    // A member of Gamma starts at its integrations (the overview is its owners' and admins').
    await expect(page).toHaveURL(`/w/${gamma.slug}/integrations`);
    await expect(sidebar.getByTestId("workspace-switcher")).toContainText(gamma.name);
    await expect(page.getByRole("link", { name: gamma.integration.name, exact: true })).toBeVisible();
    await expect(page.getByText(alpha.integration.name)).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Members", exact: true })).toHaveCount(0);

    // An old link without a workspace opens the page in the workspace worked in last.
    await page.goto(`/events`);
    await expect(page).toHaveURL(`/w/${gamma.slug}/events`);
    await expect(page.getByRole("link", { name: gamma.event.title })).toBeVisible();

    await sidebar.getByTestId("workspace-switcher").click();
    await page
      .getByRole("menu")
      .getByRole("menuitem", { name: new RegExp(alpha.name) })
      .click();
    // An owner of Alpha starts at its overview.
    await expect(page).toHaveURL(`/w/${alpha.slug}/overview`);
    await expect(sidebar.getByTestId("workspace-switcher")).toContainText(alpha.name);
    await page.context().close();

    const single = await signedIn(browser, ben);
    await expect(single.locator("aside").getByTestId("workspace-name")).toHaveText(`Workspace: ${bravo.name}`);
    await expect(single.getByTestId("workspace-switcher")).toHaveCount(0);
    await single.context().close();
  });

  test("at 390 px the switcher is in the phone menu", async ({ browser }) => {
    const page = await signedIn(browser, ann, { width: 390, height: 844 });
    await page.goto(`/w/${alpha.slug}/integrations`);
    await expect(page.getByRole("banner")).toContainText(alpha.name);
    await screenshot(page, "workspace-header-390");
    await page.getByRole("button", { name: "Menu" }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByTestId("workspace-switcher").click();
    await expect(page.getByRole("menu").getByRole("menuitem")).toHaveCount(2);
    const box = await page.getByRole("menu").boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await screenshot(page, "workspace-switcher-390");
    await page
      .getByRole("menu")
      .getByRole("menuitem", { name: new RegExp(gamma.name) })
      .click();
    await expect(page).toHaveURL(`/w/${gamma.slug}/integrations`);
    await expect(page.getByRole("banner")).toContainText(gamma.name);
    await page.context().close();
  });

  test("a person in no workspace is told so", async ({ browser }) => {
    const page = await signedIn(browser, cat);
    await expect(page).toHaveURL(/\/no-workspace$/);
    await expect(page.getByRole("heading", { name: "You do not belong to a workspace yet" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Create a workspace/ })).toHaveCount(0);
    await page.goto("/events");
    await expect(page).toHaveURL(/\/no-workspace$/);
    await page.context().close();
  });
});
