import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { request, type APIRequestContext } from "@playwright/test";
import { decode } from "next-auth/jwt";
import { E2E } from "./fixtures/config";
import { expect, signIn, test } from "./fixtures/portal";
import { sessionClient } from "./fixtures/session";

const SESSION_COOKIE = "next-auth.session-token";

/** A second client holding a copy of `client`'s session cookie, as a thief would. */
async function copyOf(client: APIRequestContext): Promise<APIRequestContext> {
  const state = await client.storageState();
  return request.newContext({ baseURL: E2E.baseURL, storageState: state });
}

async function signOutVia(client: APIRequestContext) {
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await client.post("/api/auth/signout", { form: { csrfToken, json: "true" }, maxRedirects: 0 });
  expect(res.status()).toBeLessThan(400);
}

test.describe("sessions end on the server", () => {
  test("the session token expires after PORTAL_SESSION_HOURS (12), not next-auth's 30 days", async ({ makeUser }) => {
    const user = await makeUser("reader");
    const client = await sessionClient(user.email, user.password);
    const cookie = (await client.storageState()).cookies.find((c) => c.name === SESSION_COOKIE)!;
    const secrets = JSON.parse(readFileSync(path.join(E2E.dataDir, "secrets.json"), "utf8")) as { authSecret: string };
    const token = await decode({ token: cookie.value, secret: secrets.authSecret });
    expect((token!.exp as number) - (token!.iat as number)).toBe(12 * 3600);
    await client.dispose();
  });

  test("signing out ends a copied session too, and only that session", async ({ makeUser }) => {
    const user = await makeUser("reader");
    const client = await sessionClient(user.email, user.password);
    const elsewhere = await sessionClient(user.email, user.password);
    const stolen = await copyOf(client);
    expect((await stolen.get("/api/v1/me")).status()).toBe(200);
    await signOutVia(client);
    expect((await stolen.get("/api/v1/me")).status()).toBe(401);
    expect((await elsewhere.get("/api/v1/me")).status()).toBe(200);
    await Promise.all([client.dispose(), stolen.dispose(), elsewhere.dispose()]);
  });

  test("reactivating a user revives neither their old sessions nor their API tokens", async ({ makeUser, adminApi }) => {
    const user = await makeUser("reader");
    const client = await sessionClient(user.email, user.password);
    expect((await adminApi.patch(`/api/v1/users/${user.id}`, { data: { active: false } })).status()).toBe(200);
    expect((await adminApi.patch(`/api/v1/users/${user.id}`, { data: { active: true } })).status()).toBe(200);
    expect((await client.get("/api/v1/me")).status()).toBe(401);
    expect((await user.api.get("/api/v1/me")).status()).toBe(401);
    // Signing in again works.
    const again = await sessionClient(user.email, user.password);
    expect((await again.get("/api/v1/me")).status()).toBe(200);
    await Promise.all([client.dispose(), again.dispose()]);
  });

  test("a change of role ends the user's sessions", async ({ makeUser, adminApi }) => {
    const user = await makeUser("reader");
    const client = await sessionClient(user.email, user.password);
    expect((await adminApi.patch(`/api/v1/users/${user.id}`, { data: { canTriggerIntegrations: true } })).status()).toBe(200);
    expect((await client.get("/api/v1/me")).status()).toBe(401);
    await client.dispose();
  });
});

test.describe("after sign-in", () => {
  for (const [visited, landed] of [
    ["/w/default/executions/{id}", "/w/default/executions/{id}"],
    // An old link without the workspace: the page in the person's workspace.
    ["/executions/{id}", "/w/default/executions/{id}"],
  ]) {
    test(`a signed-out visit to ${visited} lands on ${landed} after signing in`, async ({ page, makeUser }) => {
      const user = await makeUser("reader");
      const id = randomUUID();
      await page.goto(visited.replace("{id}", id));
      await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(`${E2E.baseURL}${landed.replace("{id}", id)}`);
    });
  }

  for (const callbackUrl of ["/%5C127.0.0.2:4101/pwned", "//127.0.0.2:4101/pwned", "http://127.0.0.2:4101/pwned", "/\\/127.0.0.2:4101/"]) {
    test(`callbackUrl=${callbackUrl} stays on the portal`, async ({ page, makeUser }) => {
      const user = await makeUser("reader");
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl).replace(/%25/g, "%")}`);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("user-menu")).toBeVisible();
      expect(new URL(page.url()).origin).toBe(E2E.baseURL);
    });
  }
});

test.describe("cookie-authenticated writes", () => {
  const cases: [string, Record<string, string>][] = [
    ["Origin: null", { Origin: "null" }],
    ["no Origin", {}],
    ["a forged X-Forwarded-Host", { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http" }],
    ["a forged Host-like origin", { Origin: "http://evil.example", Host: "evil.example" }],
  ];
  for (const [name, headers] of cases) {
    test(`with ${name} answer 403 with a JSON error`, async ({ page, makeUser }) => {
      const user = await makeUser("reader");
      await signIn(page, user.email, user.password);
      const res = await page.request.post("/api/v1/tokens", { data: { name: "x" }, headers });
      expect(res.status()).toBe(403);
      expect(await res.json()).toEqual({ error: { code: "forbidden", message: expect.any(String) } });
    });
  }

  test("the portal's own origin is accepted", async ({ page, makeUser }) => {
    const user = await makeUser("reader");
    await signIn(page, user.email, user.password);
    const res = await page.request.post("/api/v1/tokens", { data: { name: "x", scopes: ["read"] }, headers: { Origin: E2E.baseURL } });
    expect(res.status()).toBe(201);
  });
});

test("without PORTAL_TRUST_PROXY the audit log records the socket's address, not a client's X-Forwarded-For", async ({
  makeUser,
  adminApi,
}) => {
  const user = await makeUser("reader");
  const res = await user.api.post("/api/v1/tokens", {
    data: { name: "forwarded", scopes: ["read"] },
    headers: { "X-Forwarded-For": "203.0.113.66", "X-Real-IP": "203.0.113.67" },
  });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const audit = await adminApi.get(`/api/v1/audit-log?targetType=api_token&targetId=${id}`);
  const [entry] = ((await audit.json()) as { data: { ip: string | null }[] }).data;
  expect(entry.ip).toBe("127.0.0.1");
});
