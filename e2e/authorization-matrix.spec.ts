import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { ACTIONS, ROUTE_SCOPES, ROUTES, type Allowed } from "./authz-expectations";
import { E2E } from "./fixtures/config";
import { discoverActions } from "./fixtures/server-actions";
import { expect, test, type Role } from "./fixtures/portal";
import { ALL_SCOPES, createToken, sessionClient, tokenClient } from "./fixtures/session";

const ROOT = path.join(import.meta.dirname, "..");
const CALLERS: (Role | "anonymous")[] = ["anonymous", "reader", "trigger", "admin", "adminTrigger"];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route handler under app/api, found by reading the files: "METHOD /path". */
function discoverRoutes(): { key: string; method: string; route: string }[] {
  const found: { key: string; method: string; route: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const route =
          "/" +
          path
            .relative(path.join(ROOT, "app"), path.dirname(full))
            .split(path.sep)
            .filter((s) => !/^\(.*\)$/.test(s))
            .join("/");
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

const fillParams = (route: string) => route.replace(/\[\.\.\.[^\]]+\]/g, "session").replace(/\[[^\]]+\]/g, randomUUID());

/** The callers here are API tokens (or none): a session-only operation refuses every one of them. */
function expectedOutcome(allowed: Allowed, caller: Role | "anonymous"): "allowed" | "unauthorized" | "forbidden" | "any" {
  if (allowed === "public") return "any";
  if (caller === "anonymous") return "unauthorized";
  if (allowed === "sessionOnly") return "forbidden";
  if (allowed === "signedIn") return "allowed";
  return allowed.includes(caller) ? "allowed" : "forbidden";
}

type MakeUser = (role: Role) => Promise<{ api: APIRequestContext }>;

/** One API client per kind of caller: no credentials, or a fresh user's API token. */
async function callers(makeUser: MakeUser, anonymous: APIRequestContext) {
  const clients = new Map<Role | "anonymous", APIRequestContext>([["anonymous", anonymous]]);
  for (const role of CALLERS.slice(1) as Role[]) clients.set(role, (await makeUser(role)).api);
  return clients;
}

test.describe("authorization matrix", () => {
  test("every route handler and server action is listed in authz-expectations.ts", () => {
    const missingRoutes = discoverRoutes()
      .filter((r) => !(r.key in ROUTES))
      .map((r) => r.key);
    const missingActions = discoverActions()
      .filter((a) => !(a.key in ACTIONS))
      .map((a) => a.key);
    const missingScopes = discoverRoutes()
      .filter((r) => ROUTES[r.key] !== "public" && !(r.key in ROUTE_SCOPES))
      .map((r) => r.key);
    expect(missingRoutes, "routes without an expectation").toEqual([]);
    expect(missingScopes, "routes without a token scope expectation").toEqual([]);
    expect(missingActions, "server actions without an expectation").toEqual([]);
  });

  test("route handlers answer each kind of caller as expected", async ({ makeUser, request }) => {
    const clients = await callers(makeUser, request);
    const failures: string[] = [];
    for (const { key, method, route } of discoverRoutes()) {
      const allowed = ROUTES[key];
      if (!allowed || allowed === "public") continue;
      for (const caller of CALLERS) {
        const res = await clients
          .get(caller)!
          .fetch(fillParams(route), { method, data: method === "GET" || method === "DELETE" ? undefined : {} });
        const status = res.status();
        const want = expectedOutcome(allowed, caller);
        const ok =
          status < 500 &&
          (want === "unauthorized" ? status === 401 : want === "forbidden" ? status === 403 : status !== 401 && status !== 403);
        if (!ok) failures.push(`${key} as ${caller}: got ${status}, expected ${want}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test("server actions answer each kind of caller as expected", async ({ makeUser, request }) => {
    const clients = await callers(makeUser, request);
    const failures: string[] = [];
    for (const { key, id, page } of discoverActions()) {
      const allowed = ACTIONS[key];
      if (!allowed || allowed === "public") continue;
      for (const caller of CALLERS) {
        const res = await clients.get(caller)!.post(fillParams(page), {
          headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: E2E.baseURL },
          data: JSON.stringify([{}]),
          maxRedirects: 0,
        });
        const body = await res.text();
        const code = body.match(/"code":"(unauthorized|forbidden)"/)?.[1];
        const want = expectedOutcome(allowed, caller);
        // The action ran and answered with an ActionResult ({"ok":…}), refusing or not.
        const answered = body.includes('"ok":');
        const ok = res.status() < 500 && answered && (want === "allowed" ? code === undefined : code === want);
        if (!ok) failures.push(`${key} as ${caller}: got ${res.status()} ${code ?? "no refusal"}, expected ${want}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test("route handlers answer a token of each scope as expected, for a user who holds every permission", async ({ makeUser }) => {
    const user = await makeUser("adminTrigger");
    const clients = new Map<string, APIRequestContext>();
    for (const scope of ALL_SCOPES) clients.set(scope, await tokenClient(await createToken(user.session, `only ${scope}`, [scope])));
    // The deployment's routes (no workspace role opens them): the seeded instance admin's tokens.
    const operator = await sessionClient(E2E.admin.email, E2E.admin.password);
    const instanceClients = new Map<string, APIRequestContext>();
    for (const scope of ALL_SCOPES)
      instanceClients.set(scope, await tokenClient(await createToken(operator, `instance only ${scope}`, [scope])));
    await operator.dispose();
    const failures: string[] = [];
    try {
      for (const { key, method, route } of discoverRoutes()) {
        const scopes = ROUTE_SCOPES[key];
        if (!scopes) continue;
        for (const scope of ALL_SCOPES) {
          const instance = Array.isArray(ROUTES[key]) && ROUTES[key].length === 0;
          const res = await (instance ? instanceClients : clients)
            .get(scope)!
            .fetch(fillParams(route), { method, data: method === "GET" || method === "DELETE" ? undefined : {} });
          const status = res.status();
          const allowed = scopes.includes(scope);
          const ok = status < 500 && (allowed ? status !== 401 && status !== 403 : status === 403);
          if (!ok) failures.push(`${key} with a "${scope}" token: got ${status}, expected ${allowed ? "allowed" : "403"}`);
        }
      }
    } finally {
      for (const client of [...clients.values(), ...instanceClients.values()]) await client.dispose();
    }
    expect(failures).toEqual([]);
  });
});
