import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { E2E } from "./fixtures/config";
import { OIDC } from "./fixtures/oidc";
import { expect, test } from "./fixtures/portal";
import { setAccount, signInWithSso } from "./fixtures/sso";

async function me(page: Page) {
  const res = await page.request.get("/api/v1/me");
  return {
    status: res.status(),
    body: res.ok() ? ((await res.json()) as { email: string; isAdmin: boolean; canTriggerIntegrations: boolean }) : null,
  };
}

test("single sign-on creates the user with the claims' flags, follows a changed group at the next sign-in, and refuses a deactivated user", async ({
  browser,
  adminApi,
}) => {
  const login = `sso-${randomUUID().slice(0, 8)}`;
  const email = `${login}@sso.e2e.test`;
  await setAccount(login, { email, name: "Sam Single", groups: [OIDC.triggerGroup, "unrelated"] });

  // First sign-in: the user is created, without a password, with the trigger permission only.
  const first = await signInWithSso(browser, login);
  await expect(first.getByTestId("user-menu")).toBeVisible();
  expect(await me(first)).toMatchObject({ status: 200, body: { email, isAdmin: false, canTriggerIntegrations: true } });
  const users = (await (await adminApi.get("/api/v1/users?limit=200")).json()) as {
    data: { id: string; email: string; ssoIssuer: string | null }[];
  };
  const user = users.data.find((u) => u.email === email)!;
  expect(user.ssoIssuer).toBe(OIDC.issuer);
  // No password to sign in with, and none to change.
  expect(
    (
      await first.request.post("/api/v1/me/password", {
        data: { currentPassword: "x", newPassword: "lantern meadow copper violin" },
        headers: { Origin: E2E.baseURL },
      })
    ).status(),
  ).toBe(409);

  // The Users page says the flags are managed by SSO, and the switches follow.
  const adminPage = await first.context().browser()!.newPage({ baseURL: E2E.baseURL });
  await adminPage.goto("/sign-in");
  await adminPage.getByLabel("Email").fill(E2E.admin.email);
  await adminPage.getByLabel("Password").fill(E2E.admin.password);
  await adminPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(adminPage.getByTestId("user-menu")).toBeVisible();
  await adminPage.goto("/admin/users");
  const row = adminPage.getByTestId(`user-row-${email}`);
  await expect(row.getByText("Managed by SSO")).toBeVisible();
  await expect(row.getByRole("combobox", { name: `Role: ${email}` })).toBeDisabled();
  expect((await adminApi.patch(`/api/v1/users/${user.id}`, { data: { isAdmin: true } })).status()).toBe(409);

  // The group claim changes: at the next sign-in the flags follow, and the earlier session has ended.
  await setAccount(login, { email, name: "Sam Single", groups: [OIDC.adminGroup] });
  const second = await signInWithSso(browser, login);
  await expect(second.getByTestId("user-menu")).toBeVisible();
  expect(await me(second)).toMatchObject({ status: 200, body: { email, isAdmin: true, canTriggerIntegrations: false } });
  expect((await me(first)).status).toBe(401);
  const audit = (await (await adminApi.get(`/api/v1/audit-log?targetType=user&targetId=${user.id}`)).json()) as {
    data: { action: string; after: unknown }[];
  };
  // The workspace's log: the membership single sign-on made and changed (sign-ins and the account are instance-level rows).
  expect(audit.data.map((a) => a.action)).toEqual(expect.arrayContaining(["member.joined", "member.role_changed"]));

  // Deactivated: the provider still vouches for them, the portal refuses.
  expect((await adminApi.patch(`/api/v1/users/${user.id}`, { data: { active: false } })).status()).toBe(200);
  expect((await me(second)).status).toBe(401);
  const third = await signInWithSso(browser, login);
  await expect(third).toHaveURL(/\/sign-in\?error=deactivated/);
  await expect(third.getByTestId("sso-error")).toHaveText("This account has been deactivated. Ask an admin to reactivate it.");
  expect((await me(third)).status).toBe(401);
  for (const p of [first, second, third, adminPage]) await p.context().close();
  // The client secret is in no page and no line of the server's output.
  expect(readFileSync(E2E.serverLog, "utf8")).not.toContain(OIDC.clientSecret);
});

test("a tampered callback (its state changed) is refused and signs nobody in", async ({ browser }) => {
  const login = `sso-${randomUUID().slice(0, 8)}`;
  await setAccount(login, { email: `${login}@sso.e2e.test`, name: "Tam Pered", groups: [] });
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Continue with E2E identity" }).click();
  await expect(page.locator('input[name="login"]')).toBeVisible();
  // Sign in at the provider, following its redirects by hand (with the browser's cookies) up to
  // the portal's callback, whose state is then changed before the browser goes there.
  let next = new URL((await page.locator("form").getAttribute("action"))!, OIDC.issuer).toString();
  let res = await context.request.post(next, { form: { prompt: "login", login, password: "any password" }, maxRedirects: 0 });
  while (res.status() >= 300 && res.status() < 400 && !next.startsWith(E2E.baseURL)) {
    next = new URL(res.headers()["location"], next).toString();
    if (next.startsWith(E2E.baseURL)) break;
    res = await context.request.get(next, { maxRedirects: 0 });
  }
  const callback = new URL(next);
  expect(callback.pathname).toBe("/api/auth/callback/oidc");
  expect(callback.searchParams.get("state")).toBeTruthy();
  callback.searchParams.set("state", `${callback.searchParams.get("state")}x`);
  await page.goto(callback.toString());
  await expect(page).toHaveURL(/\/sign-in\?.*error=OAuthCallback/);
  await expect(page.getByTestId("sso-error")).toHaveText("Single sign-on did not complete. Try again.");
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await context.close();
});
