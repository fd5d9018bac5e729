import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { E2E } from "./fixtures/config";
import { discoverActions } from "./fixtures/server-actions";
import { expect, test, type TestUser } from "./fixtures/portal";
import { createToken, sessionClient, tokenClient } from "./fixtures/session";
import { CREATES_OWN, CROSS_REFERENCES, PATH_ISOLATION, type Alpha, type Bravo } from "./isolation-expectations";

/**
 * The isolation matrix: two workspaces with the same kinds of data. A member of A (the default
 * workspace, owner there) calls every route handler, page and server action with B's ids, slugs and
 * cursors: what names a B resource is not found, no answer contains anything of B, and B's data is
 * the same afterwards. Beside it, e2e/authorization-matrix.spec.ts checks who may call what.
 */

const ROOT = path.join(import.meta.dirname, "..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route handler under app/api: "METHOD /path". */
function discoverRoutes(): { key: string; method: string; route: string }[] {
  const found: { key: string; method: string; route: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const route = "/" + path.relative(path.join(ROOT, "app"), path.dirname(full)).split(path.sep).join("/");
        for (const method of METHODS) {
          if (new RegExp(`export\\s+(const|async function|function)\\s+${method}\\b|as\\s+${method}\\b`).test(source)) {
            found.push({ key: `${method} ${route}`, method, route });
          }
        }
      }
    }
  };
  walk(path.join(ROOT, "app", "api"));
  return found;
}

/** Every page of the portal: its path with [params]. */
function discoverPages(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "page.tsx") {
        const route = path
          .relative(path.join(ROOT, "app"), path.dirname(full))
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s))
          .join("/");
        found.push(`/${route}`);
      }
    }
  };
  walk(path.join(ROOT, "app", "(portal)"));
  return found;
}

/** A page's [params] filled with B's resources (or, where the page's resource is not B's, a fresh id). */
function pageWithBravo(page: string, b: Bravo): string {
  return page
    .replace(/\/integrations\/\[id\]/, `/integrations/${b.integrationId}`)
    .replace(/\/events\/\[id\]/, `/events/${b.eventId}`)
    .replace(/\/executions\/\[id\]/, `/executions/${b.executionId}`)
    .replace(/\/event-types\/\[name\]/, `/event-types/${b.pageEventType}`)
    .replace(/\[[^\]]+\]/g, randomUUID());
}

const json = async (res: { status(): number; text(): Promise<string> }, expected: number) => {
  const text = await res.text();
  expect(res.status(), text).toBe(expected);
  return JSON.parse(text) as Record<string, unknown>;
};

/** What of B is visible to B's owner: compared before and after A's calls. */
async function snapshot(api: APIRequestContext, b: Bravo) {
  const get = async (p: string) => (await api.get(p)).json() as Promise<Record<string, unknown>>;
  const items = (page: Record<string, unknown>) => (page.items ?? page.data ?? []) as Record<string, unknown>[];
  const pick = (rows: Record<string, unknown>[], keys: string[]) =>
    rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]]))).sort((x, y) => String(x.id).localeCompare(String(y.id)));
  const webhook = await get(`/api/v1/integrations/${b.integrationId}/webhook`);
  return {
    integrations: pick(items(await get("/api/v1/integrations?limit=100")), ["id", "name", "slug", "connectorType"]),
    webhook: { url: webhook.url, enabled: webhook.enabled, signingSecretLast4: webhook.signingSecretLast4 },
    subscriptions: pick(items(await get(`/api/v1/integrations/${b.integrationId}/subscriptions`)), ["id", "enabled", "eventTypes"]),
    events: pick(items(await get("/api/v1/events?limit=100")), ["id", "title"]),
    executions: pick(items(await get("/api/v1/executions?limit=100")), ["id", "status", "kind"]),
    eventTypes: pick(items(await get("/api/v1/event-types")), ["name", "schemaVersion", "validation", "description"]),
    audit: pick(items(await get("/api/v1/audit-log?limit=100")), ["id", "action"]),
    tokens: pick(items(await get("/api/v1/tokens")), ["id", "revokedAt"]),
  };
}

test.describe("isolation matrix", () => {
  test.describe.configure({ mode: "serial" });
  // Hundreds of calls: a generous budget on a shared machine.
  test.setTimeout(240_000);

  /** A member (owner) of A, with clients of its own: the fixture's are closed at the end of each test. */
  let attacker: Pick<TestUser, "email" | "password"> & { api: APIRequestContext; session: APIRequestContext };
  let alpha: Alpha;
  let bravo: Bravo;
  let bravoApi: APIRequestContext;

  test.afterAll(async () => {
    await Promise.all([attacker?.api.dispose(), attacker?.session.dispose(), bravoApi?.dispose()]);
  });

  test("set-up: two workspaces with the same kinds of data", async ({ adminApi, makeUser }) => {
    const marker = `bravo${randomUUID().replace(/-/g, "").slice(0, 10)}`;
    // B's owner: an account of the portal, owner of a new workspace.
    const owner = await makeUser("reader");
    // Neither the slug nor the search probe is the marker: pages echo the URL and the search typed.
    const slug = `b-${randomUUID().slice(0, 8)}`;
    const probe = `zulu${randomUUID().replace(/-/g, "").slice(0, 8)}`;
    await json(
      await adminApi.post("/api/v1/workspaces", {
        data: { name: `Workspace ${marker}`, slug, plan: "enterprise", ownerEmail: owner.email },
      }),
      201,
    );
    const ownerSession = await sessionClient(owner.email, owner.password);
    const res = await ownerSession.post(`/api/v1/workspaces/${slug}/tokens`, {
      data: { name: `${marker} token`, scopes: ["read", "events:write", "trigger", "admin"] },
      headers: { Origin: E2E.baseURL },
    });
    const created = await json(res, 201);
    await ownerSession.dispose();
    bravoApi = await tokenClient(created.token as string);

    const integration = await json(
      await bravoApi.post("/api/v1/integrations", { data: { name: `Integration ${marker}`, platform: "custom", description: marker } }),
      201,
    );
    const integrationId = integration.id as string;
    await json(
      await bravoApi.put(`/api/v1/integrations/${integrationId}/webhook`, {
        data: { url: `http://127.0.0.1:9/${marker}`, enabled: true, timeoutSeconds: 2, bearerToken: `${marker}-bearer` },
      }),
      200,
    );
    // Not the marker: A may declare a type of the same name (names are per workspace); its description and schema are B's.
    const eventType = `orders${randomUUID().replace(/-/g, "").slice(0, 8)}.created`;
    await json(await bravoApi.post("/api/v1/event-types", { data: { name: eventType, description: `Type ${marker}` } }), 201);
    // A type of B that nothing of A's calls declares in A: its page under A is not found.
    const pageEventType = eventType.replace(".created", ".shipped");
    await json(await bravoApi.post("/api/v1/event-types", { data: { name: pageEventType, description: `Type ${marker}` } }), 201);
    const subscription = await json(
      await bravoApi.post(`/api/v1/integrations/${integrationId}/subscriptions`, {
        data: { eventTypes: [eventType], mode: "event", retrySchedule: [], description: marker, disableAfterFailures: 100 },
      }),
      201,
    );
    await json(
      await bravoApi.put(`/api/v1/integrations/${integrationId}/transformation`, {
        data: { code: `function handler(webhook) { webhook.payload.note = "${marker}"; return webhook; }` },
      }),
      200,
    );
    const event = await json(
      await bravoApi.post("/api/v1/events", {
        data: {
          type: eventType,
          title: `Event ${marker} ${probe}`,
          severity: "high",
          source: marker,
          details: { note: `${marker} ${probe}` },
        },
      }),
      201,
    );
    const triggered = await bravoApi.post(`/api/v1/integrations/${integrationId}/trigger`, {
      data: { mode: "event", eventId: event.id },
    });
    expect(triggered.status()).toBeLessThan(500);
    const execution = (await triggered.json()) as Record<string, unknown>;
    const recovery = await json(
      await bravoApi.post(`/api/v1/integrations/${integrationId}/recover`, {
        data: { since: new Date(Date.now() - 3_600_000).toISOString() },
      }),
      201,
    );
    // Until the automatic delivery (to a closed port) has its outcome: B's data stays still from here.
    await expect
      .poll(async () => {
        const page = (await (await bravoApi.get("/api/v1/executions?limit=100")).json()) as { data: { status: string }[] };
        return page.data.length >= 2 && page.data.every((e) => !["queued", "scheduled", "pending"].includes(e.status));
      })
      .toBe(true);
    const invitation = await json(
      await bravoApi.post("/api/v1/invitations", { data: { email: `${marker}@invited.test`, role: "member" } }),
      201,
    );
    const cursorOf = async (p: string) => ((await (await bravoApi.get(p)).json()) as { nextCursor: string | null }).nextCursor ?? "";
    const executions = (await (await bravoApi.get("/api/v1/executions?limit=100")).json()) as { data: Record<string, unknown>[] };
    const me = (await (await bravoApi.get("/api/v1/me")).json()) as { id: string };
    const bravoMember = await json(
      await bravoApi.post("/api/v1/users", {
        data: { email: `${marker}-member@bravo.test`, name: `Member ${marker}`, password: `pw-${randomUUID()}` },
      }),
      201,
    );
    const tokens = (await (await bravoApi.get("/api/v1/tokens")).json()) as { data: { id: string }[] };
    bravo = {
      slug,
      marker,
      probe,
      pageEventType,
      ownerId: me.id,
      memberId: bravoMember.id as string,
      integrationId,
      subscriptionId: subscription.id as string,
      eventId: event.id as string,
      eventType,
      executionId: execution.id as string,
      messageId: execution.messageId as string,
      recoveryId: recovery.id as string,
      tokenId: tokens.data[0].id,
      invitationId: (invitation.invitation as { id?: string } | undefined)?.id ?? (invitation.id as string),
      executionsCursor: await cursorOf("/api/v1/executions?limit=1"),
      eventsCursor: await cursorOf("/api/v1/events?limit=1"),
      auditCursor: await cursorOf("/api/v1/audit-log?limit=1"),
      ids: [],
    };
    bravo.ids = [
      ...new Set(
        [
          bravo.integrationId,
          bravo.subscriptionId,
          bravo.eventId,
          bravo.executionId,
          bravo.messageId,
          bravo.recoveryId,
          bravo.tokenId,
          bravo.invitationId,
          bravo.memberId,
          ...executions.data.flatMap((e) => [e.id as string, e.messageId as string]),
        ].filter(Boolean),
      ),
    ];

    // A: the default workspace, where the attacker is an owner who may trigger.
    const member = await makeUser("adminTrigger");
    const session = await sessionClient(member.email, member.password);
    const api = await tokenClient(await createToken(session, "isolation", ["read", "events:write", "trigger", "admin"]));
    attacker = { email: member.email, password: member.password, session, api };
    const alphaIntegration = await json(
      await attacker.api.post("/api/v1/integrations", { data: { name: `Alpha ${randomUUID().slice(0, 8)}`, platform: "custom" } }),
      201,
    );
    await json(
      await attacker.api.put(`/api/v1/integrations/${alphaIntegration.id}/webhook`, {
        data: { url: "http://127.0.0.1:9/alpha", enabled: true, timeoutSeconds: 2, bearerToken: null },
      }),
      200,
    );
    const alphaSubscription = await json(
      await attacker.api.post(`/api/v1/integrations/${alphaIntegration.id}/subscriptions`, {
        data: { eventTypes: ["alpha.*"], mode: "event", retrySchedule: [] },
      }),
      201,
    );
    alpha = { integrationId: alphaIntegration.id as string, subscriptionId: alphaSubscription.id as string };
  });

  /** Nothing of B in an answer: neither its marker (in every name, title and body) nor an id A did not send. */
  const leaks = (text: string, sent: string) =>
    text.includes(bravo.marker) || bravo.ids.some((id) => text.includes(id) && !sent.includes(id));

  test("every route handler is listed in isolation-expectations.ts", () => {
    const missing = discoverRoutes()
      .filter((r) => !(r.key in PATH_ISOLATION))
      .map((r) => r.key);
    expect(missing, "routes without an isolation entry").toEqual([]);
  });

  test("route handlers: B's ids in the path are not found, and no answer holds anything of B", async () => {
    const before = await snapshot(bravoApi, bravo);
    const failures: string[] = [];
    const routes = discoverRoutes().sort((x, y) => Number(CREATES_OWN.has(x.key)) - Number(CREATES_OWN.has(y.key)));
    for (const { key, method, route } of routes) {
      const isolation = PATH_ISOLATION[key];
      if (!isolation || route.includes("[...")) continue;
      const params = typeof isolation === "function" ? isolation(bravo) : {};
      const url = route.replace(/\[(\w+)\]/g, (_, name: string) => params[name] ?? randomUUID());
      const data = method === "GET" || method === "DELETE" ? undefined : {};
      const res = await attacker.api.fetch(url, { method, data });
      const text = await res.text();
      if (res.status() >= 500) failures.push(`${key}: ${res.status()}`);
      if (typeof isolation === "function" && !CREATES_OWN.has(key) && res.status() !== 404 && res.status() !== 422)
        failures.push(`${key} with B's ids: ${res.status()}, expected 404`);
      if (leaks(text, url)) failures.push(`${key}: the answer holds B's data`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(bravoApi, bravo)).toEqual(before);
  });

  test("route handlers: B's ids, cursors and text in queries and bodies find nothing of B", async () => {
    const before = await snapshot(bravoApi, bravo);
    const failures: string[] = [];
    for (const ref of CROSS_REFERENCES) {
      const url = ref.path(alpha, bravo);
      const body = ref.body?.(alpha, bravo);
      const res = await attacker.api.fetch(url, { method: ref.method, data: body });
      const text = await res.text();
      const sent = `${url} ${JSON.stringify(body ?? null)}`;
      if (res.status() >= 500) failures.push(`${ref.name}: ${res.status()}`);
      if (ref.status && !ref.status.includes(res.status()))
        failures.push(`${ref.name}: ${res.status()}, expected ${ref.status.join(" or ")}`);
      if (leaks(text, sent)) failures.push(`${ref.name}: the answer holds B's data`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(bravoApi, bravo)).toEqual(before);
  });

  test("B's workspace in the path: every operation answers 404 workspace_not_found to a member of A", async () => {
    const failures: string[] = [];
    for (const { key, method, route } of discoverRoutes()) {
      if (!route.startsWith("/api/v1/") || route.includes("[...") || route.startsWith("/api/v1/workspaces")) continue;
      if (PATH_ISOLATION[key] === "instance") continue;
      const url = `/api/v1/workspaces/${bravo.slug}${route.slice("/api/v1".length)}`.replace(/\[\w+\]/g, randomUUID());
      const res = await attacker.api.fetch(url, { method, data: method === "GET" || method === "DELETE" ? undefined : {} });
      const text = await res.text();
      if (res.status() !== 404 || !text.includes('"workspace_not_found"'))
        failures.push(`${key} under B: ${res.status()} ${text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    // And B's workspace itself: the same answer as one that does not exist.
    const own = await attacker.api.get(`/api/v1/workspaces/${bravo.slug}`);
    const none = await attacker.api.get(`/api/v1/workspaces/no-such-${bravo.slug}`);
    expect([own.status(), none.status()]).toEqual([404, 404]);
    expect(((await own.json()) as { error: unknown }).error).toEqual(((await none.json()) as { error: unknown }).error);
    const mine = await (await attacker.api.get("/api/v1/workspaces")).text();
    expect(leaks(mine, "")).toBe(false);
  });

  test("pages: B's ids under A and anything under B are not found; lists and searches show nothing of B", async () => {
    const session = attacker.session;
    const failures: string[] = [];
    for (const page of discoverPages()) {
      if (page.startsWith("/account") || page.startsWith("/admin/workspaces") || page.startsWith("/admin/plans")) continue;
      const filled = pageWithBravo(page, bravo);
      for (const url of [`/w/default${filled}`, `/w/${bravo.slug}${filled}`]) {
        const res = await session.get(url, { maxRedirects: 0 });
        const text = await res.text();
        const namesB = url.startsWith(`/w/${bravo.slug}`) || filled !== page;
        if (namesB && res.status() !== 404) failures.push(`${url}: ${res.status()}, expected 404`);
        if (res.status() >= 500) failures.push(`${url}: ${res.status()}`);
        if (leaks(text, url)) failures.push(`${url}: the page holds B's data`);
      }
    }
    const filtered = [
      `/w/default/executions?integrationId=${bravo.integrationId}`,
      `/w/default/executions?eventId=${bravo.eventId}`,
      `/w/default/executions?q=${bravo.probe}`,
      `/w/default/executions?cursor=${encodeURIComponent(bravo.executionsCursor)}`,
      `/w/default/events?q=${bravo.probe}`,
      `/w/default/events?type=${bravo.eventType}`,
      `/w/default/audit-log?targetType=integration&targetId=${bravo.integrationId}`,
      `/w/default/overview`,
    ];
    for (const url of filtered) {
      const res = await session.get(url, { maxRedirects: 0 });
      const text = await res.text();
      if (res.status() >= 500) failures.push(`${url}: ${res.status()}`);
      if (leaks(text, url)) failures.push(`${url}: the page holds B's data`);
    }
    expect(failures).toEqual([]);
  });

  test("server actions: called with B's ids, none acts on B or answers with anything of B", async () => {
    const before = await snapshot(bravoApi, bravo);
    // A session client of its own: an action may end the session (e.g. turning two-factor off needs the password).
    const session = await sessionClient(attacker.email, attacker.password);
    const failures: string[] = [];
    const ids = [
      bravo.integrationId,
      bravo.executionId,
      bravo.subscriptionId,
      bravo.eventId,
      bravo.ownerId,
      bravo.tokenId,
      bravo.recoveryId,
    ];
    for (const { key, id, page } of discoverActions()) {
      if (page.startsWith("/account")) continue;
      for (const target of ids) {
        const input = {
          id: target,
          integrationId: bravo.integrationId,
          subscriptionId: bravo.subscriptionId,
          eventId: bravo.eventId,
          name: bravo.eventType,
          ids: [bravo.executionId],
          filters: { integrationId: bravo.integrationId },
          mode: "event",
          field: "integration",
          q: bravo.probe,
          changes: { enabled: false, role: "member" },
        };
        const res = await session.post(`/w/default${pageWithBravo(page, bravo)}`, {
          headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: E2E.baseURL },
          data: JSON.stringify([input]),
          maxRedirects: 0,
        });
        const text = await res.text();
        if (res.status() >= 500) failures.push(`${key} (${target}): ${res.status()}`);
        if (leaks(text, JSON.stringify(input))) failures.push(`${key} (${target}): the answer holds B's data`);
      }
    }
    await session.dispose();
    expect(failures).toEqual([]);
    expect(await snapshot(bravoApi, bravo)).toEqual(before);
  });
});
