import { E2E } from "./fixtures/config";
import { expect, signIn, test } from "./fixtures/portal";
import { tokenClient } from "./fixtures/session";

test("a person creates a scoped, expiring token; an admin sees it among everyone's and revokes it", async ({
  page,
  browser,
  makeUser,
  adminApi,
}) => {
  const user = await makeUser("trigger");
  const admin = await makeUser("admin");
  await signIn(page, user.email, user.password);
  await page.goto("/account/tokens");

  // Only the scopes this person holds are offered, none ticked, each saying what it allows.
  await expect(page.getByRole("checkbox")).toHaveCount(2);
  for (const box of await page.getByRole("checkbox").all()) await expect(box).not.toBeChecked();
  await expect(page.getByRole("group", { name: "Scopes" })).toContainText("Trigger integrations, retry and recover deliveries");
  await page.getByLabel("Name").fill("Nightly job");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.locator("#token-scopes-error")).toHaveText("Choose at least one scope");
  await page.getByRole("checkbox").nth(0).check(); // read
  await page.getByRole("checkbox").nth(1).check(); // trigger
  await page.getByLabel("Expires").selectOption("date");
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Expiry date").fill(inThreeDays);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!;
  expect(token).toMatch(/^whp_/);
  const row = page.getByTestId(`token-row-${token.slice(0, 10)}`);
  await expect(row).toContainText("Nightly job");
  await expect(row).toContainText("trigger");
  await expect(row.getByText("Expires soon")).toBeVisible();

  // The token works, limited to its scopes, and what it does names it.
  const api = await tokenClient(token);
  const me = await api.get("/api/v1/me");
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({
    email: user.email,
    authenticatedWith: "token",
    token: { name: "Nightly job", scopes: ["read", "trigger"], expiresAt: expect.any(String) },
  });
  expect((await api.post("/api/v1/events", { data: { type: "x", title: "x", severity: "info", source: "x" } })).status()).toBe(403);
  // Changing the password needs a session, whatever the token's scopes.
  const password = await api.post("/api/v1/me/password", { data: { currentPassword: "wrong", newPassword: "x" } });
  expect(password.status()).toBe(403);
  expect(await password.json()).toMatchObject({ error: { code: "forbidden", message: expect.stringContaining("session") } });
  const child = await api.post("/api/v1/tokens", {
    data: { name: "child", scopes: ["read"], expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  expect(child.status()).toBe(201);
  const { id: childId } = (await child.json()) as { id: string };
  const audit = await adminApi.get(`/api/v1/audit-log?targetType=api_token&targetId=${childId}`);
  const [entry] = ((await audit.json()) as { data: { apiToken: { name: string; prefix: string } | null }[] }).data;
  expect(entry.apiToken).toEqual({ id: expect.any(String), name: "Nightly job", prefix: token.slice(0, 10) });

  // An admin sees it with its owner and revokes it.
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const adminPage = await context.newPage();
  await signIn(adminPage, admin.email, admin.password);
  await adminPage.goto("/admin/users");
  await adminPage.getByRole("link", { name: "API tokens" }).first().click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Every user’s API tokens" })).toBeVisible();
  const adminRow = adminPage.getByTestId(`token-row-${token.slice(0, 10)}`);
  await expect(adminRow).toContainText(user.email);
  await adminRow.getByRole("button", { name: "Revoke Nightly job" }).click();
  await expect(adminPage.getByRole("alertdialog")).toContainText(`Revoke “Nightly job” of ${user.email}?`);
  await adminPage.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(adminRow).toBeHidden();
  expect((await api.get("/api/v1/me")).status()).toBe(401);
  await api.dispose();
  await context.close();
});

test("the token API refuses scopes the user does not hold and malformed expiries, as JSON field errors", async ({ makeUser }) => {
  const user = await makeUser("reader");
  const res = await user.session.post("/api/v1/tokens", { data: { name: "x", scopes: ["admin"] }, headers: { Origin: E2E.baseURL } });
  expect(res.status()).toBe(403);
  expect(await res.json()).toEqual({
    error: { code: "forbidden", message: expect.any(String), fieldErrors: { scopes: [expect.stringContaining("admin")] } },
  });
  const bad = await user.api.post("/api/v1/tokens", { data: { name: "x", scopes: ["read"], expiresAt: "next week" } });
  expect(bad.status()).toBe(422);
  expect(((await bad.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors.expiresAt).toHaveLength(1);
});
