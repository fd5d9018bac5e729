import { E2E } from "./fixtures/config";
import { expect, screenshot, signIn, signOut, test } from "./fixtures/portal";

test("an admin creates a user with the trigger permission, who then has no access to Users", async ({ page }) => {
  await signIn(page, E2E.admin.email, E2E.admin.password);
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();

  const email = `trigger-${Date.now()}@e2e.test`;
  const password = "trigger-user-password-1";
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill("Tessa Trigger");
  await dialog.getByLabel("Initial password (optional)").fill(password);
  await dialog.getByRole("switch", { name: "Can trigger integrations" }).click();
  await screenshot(page, "users-create-dialog");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId(`user-row-${email}`);
  await expect(row).toBeVisible();
  await expect(row.getByRole("switch", { name: `Can trigger integrations: ${email}` })).toBeChecked();
  await expect(row.getByRole("combobox", { name: `Role: ${email}` })).toHaveValue("member");
  await screenshot(page, "users-list");

  await signOut(page);
  await signIn(page, email, password);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" })).toHaveCount(0);

  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

  const api = await page.request.get("/api/v1/users");
  expect(api.status()).toBe(403);
  expect(await api.json()).toEqual({ error: { code: "forbidden", message: expect.any(String) } });
});

test("a wrong password shows a clear error and the sixth attempt is refused", async ({ page, makeUser }) => {
  const user = await makeUser("reader");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Password").fill(`wrong-password-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("sign-in-error")).toHaveText("The email or password is not correct.");
    await page.getByLabel("Password").clear();
  }
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText(/Too many failed sign-ins for this account\. Try again in 15 minutes\./);
  await screenshot(page, "sign-in-locked");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a deactivated user's session stops working at the next request", async ({ page, makeUser, adminApi }) => {
  const user = await makeUser("reader");
  await signIn(page, user.email, user.password);
  const res = await adminApi.patch(`/api/v1/users/${user.id}`, { data: { active: false } });
  expect(res.status()).toBe(200);
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await user.api.get("/api/v1/me")).status()).toBe(401);
});

test("cookie-authenticated writes from another origin are refused", async ({ page, makeUser }) => {
  const user = await makeUser("reader");
  await signIn(page, user.email, user.password);
  const res = await page.request.post("/api/v1/tokens", { data: { name: "x" }, headers: { Origin: "https://evil.example" } });
  expect(res.status()).toBe(403);
});
