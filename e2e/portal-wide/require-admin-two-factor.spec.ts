import { E2E } from "../fixtures/config";
import { makeInstanceAdmin } from "../fixtures/database";
import { OIDC } from "../fixtures/oidc";
import { expect, signIn, submitSignIn, test } from "../fixtures/portal";
import { setAccount, signInWithSso } from "../fixtures/sso";
import { setUpTwoFactor } from "../fixtures/two-factor";

test("an admin requires two-factor of admins: one without it can do nothing but set it up, then goes on", async ({
  page,
  browser,
  makeUser,
}) => {
  // The deployment's security settings are an instance admin's (an operator's).
  const admin = await makeUser("admin");
  await makeInstanceAdmin(admin.id);
  const other = await makeUser("adminTrigger");
  const linked = await makeUser("admin"); // made now: a new admin's session cannot make tokens once it is required
  await signIn(page, admin.email, admin.password);

  // Not before having it oneself: turning it on must not lock out the one turning it on.
  await page.goto("/admin/settings");
  const requirement = page.getByRole("switch", { name: "Require two-factor for admins" });
  await expect(requirement).toBeDisabled();
  await expect(page.getByText("Set up two-factor on your own account first")).toBeVisible();
  await page.goto("/account/two-factor");
  await setUpTwoFactor(page, admin.password);

  await page.goto("/admin/settings");
  await expect(page.getByTestId("admins-without-two-factor")).toBeVisible();
  await requirement.click();
  await expect(page.getByText("Two-factor is now required for admins.")).toBeVisible();
  await expect(requirement).toBeChecked();
  await expect(page.getByTestId("admins-without-two-factor")).toContainText("they are asked to at their next page");

  // The other admin: their next page is setting it up, and their session may do nothing else.
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const otherPage = await context.newPage();
  await submitSignIn(otherPage, other.email, other.password);
  await expect(otherPage).toHaveURL(/\/set-up-two-factor/);
  await expect(otherPage.getByText("This portal requires two-factor for admins.")).toBeVisible();
  await otherPage.goto("/integrations");
  await expect(otherPage).toHaveURL(/\/set-up-two-factor/);
  const refused = await otherPage.request.get("/api/v1/integrations");
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/two-factor/);
  // Their API tokens go on working (documented): the requirement is about signing in.
  expect((await other.api.get("/api/v1/integrations")).status()).toBe(200);

  await setUpTwoFactor(otherPage, other.password);
  await expect(otherPage).toHaveURL(/\/integrations/);
  await expect(otherPage.getByTestId("user-menu")).toBeVisible();
  expect((await otherPage.request.get("/api/v1/integrations")).status()).toBe(200);
  // Required: an admin cannot turn theirs off.
  await otherPage.goto("/account/two-factor");
  await expect(otherPage.getByText("Required for admins here: it cannot be turned off.")).toBeVisible();
  await expect(otherPage.getByRole("button", { name: "Turn off" })).toHaveCount(0);
  await context.close();

  // An admin with a password who is linked to single sign-on: held when signing in with the
  // password, not when signing in through the identity provider (its second factor is its own).
  const login = linked.email.split("@")[0];
  await setAccount(login, { email: linked.email, name: linked.name, groups: [OIDC.adminGroup] });
  const viaSso = await signInWithSso(browser, login);
  await expect(viaSso.getByTestId("user-menu")).toBeVisible();
  expect((await viaSso.request.get("/api/v1/integrations")).status()).toBe(200);
  await viaSso.context().close();
  const viaPassword = await browser.newContext({ baseURL: E2E.baseURL });
  const passwordPage = await viaPassword.newPage();
  await submitSignIn(passwordPage, linked.email, linked.password);
  await expect(passwordPage).toHaveURL(/\/set-up-two-factor/);
  await viaPassword.close();

  // The admin who turned it on (with two-factor, so never held) turns the requirement off again.
  await page.goto("/admin/settings");
  await requirement.click();
  await expect(page.getByText("Two-factor is no longer required for admins.")).toBeVisible();
  const audit = await admin.api.get("/api/v1/audit-log?action=settings.updated&limit=10");
  expect(JSON.stringify(await audit.json())).toContain('"requireAdminTwoFactor":true');
});
