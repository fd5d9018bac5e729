import { E2E } from "./fixtures/config";
import { expect, signIn, test } from "./fixtures/portal";
import { sessionClient } from "./fixtures/session";

const NEW_PASSWORD = "lantern meadow copper violin";

test("a person changes their password: the current one is required, common ones are refused, other sessions end", async ({
  page,
  makeUser,
}) => {
  const user = await makeUser("reader");
  await signIn(page, user.email, user.password);
  const elsewhere = await sessionClient(user.email, user.password);
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Password" })).toBeVisible();

  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#current-password-error")).toHaveText("Not correct");

  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password").fill("sunshine2024!");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#new-password-error")).toContainText("most common");

  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();

  // This session goes on; the other one has ended; the new password signs in.
  await page.goto("/integrations");
  await expect(page.getByTestId("user-menu")).toBeVisible();
  expect((await elsewhere.get("/api/v1/me")).status()).toBe(401);
  const again = await sessionClient(user.email, NEW_PASSWORD);
  expect((await again.get("/api/v1/me")).status()).toBe(200);
  await Promise.all([elsewhere.dispose(), again.dispose()]);
});

test("an admin resets a password: shown once, the user is signed out and must choose a new one before anything else", async ({
  page,
  browser,
  makeUser,
}) => {
  const admin = await makeUser("admin");
  const user = await makeUser("trigger");
  const before = await sessionClient(user.email, user.password);
  await signIn(page, admin.email, admin.password);
  await page.goto("/admin/users");
  await page
    .getByTestId(`user-row-${user.email}`)
    .getByRole("button", { name: `Reset password of ${user.email}` })
    .click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset password" }).click();
  const generated = (await page.getByTestId("reset-password").textContent())!;
  expect(generated).toMatch(/^\S{20}$/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId(`user-row-${user.email}`)).toContainText("Must change password");
  expect((await before.get("/api/v1/me")).status()).toBe(401);
  await before.dispose();

  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const userPage = await context.newPage();
  await userPage.goto("/sign-in");
  await userPage.getByLabel("Email").fill(user.email);
  await userPage.getByLabel("Password").fill(generated);
  await userPage.getByRole("button", { name: "Sign in" }).click();
  await expect(userPage).toHaveURL(/\/new-password/);
  await expect(userPage.getByText("An admin reset your password.")).toBeVisible();
  await userPage.goto("/events");
  await expect(userPage).toHaveURL(/\/new-password/);
  const refused = await userPage.request.get("/api/v1/events");
  expect(refused.status()).toBe(403);

  await userPage.getByLabel("Current password").fill(generated);
  await userPage.getByLabel("New password").fill(NEW_PASSWORD);
  await userPage.getByRole("button", { name: "Change password" }).click();
  await expect(userPage).toHaveURL(/\/integrations/);
  await expect(userPage.getByTestId("user-menu")).toBeVisible();
  expect((await userPage.request.get("/api/v1/events")).status()).toBe(200);
  await context.close();
});

test("POST /api/v1/me/password answers JSON field errors and changes the password; a token is refused", async ({ makeUser }) => {
  const user = await makeUser("reader");
  // Changing a password needs a session: a token, even the user's own, is refused before the password is looked at.
  const byToken = await user.api.post("/api/v1/me/password", { data: { currentPassword: user.password, newPassword: NEW_PASSWORD } });
  expect(byToken.status()).toBe(403);
  const post = (data: object) => user.session.post("/api/v1/me/password", { data, headers: { Origin: E2E.baseURL } });
  const wrong = await post({ currentPassword: "nope", newPassword: NEW_PASSWORD });
  expect(wrong.status()).toBe(422);
  expect(await wrong.json()).toEqual({
    error: { code: "validation_failed", message: expect.any(String), fieldErrors: { currentPassword: ["Not correct"] } },
  });
  const short = await post({ currentPassword: user.password, newPassword: "short" });
  expect(short.status()).toBe(422);
  expect(((await short.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors.newPassword).toHaveLength(1);
  const ok = await post({ currentPassword: user.password, newPassword: NEW_PASSWORD });
  expect(ok.status()).toBe(204);
  const signedIn = await sessionClient(user.email, NEW_PASSWORD);
  await signedIn.dispose();
});
