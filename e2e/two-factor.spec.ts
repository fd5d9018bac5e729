import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { E2E } from "./fixtures/config";
import { expect, screenshot, signIn, signOut, submitSignIn, test } from "./fixtures/portal";
import { appCode, setUpTwoFactor, signInWithCode, wrongCode } from "./fixtures/two-factor";

async function openTwoFactorPage(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Two-factor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-factor" })).toBeVisible();
}

/** next-auth's credentials endpoint, as a script would use it: whether a session came of it. */
async function sessionFromPassword(email: string, password: string, code?: string) {
  const { request } = await import("@playwright/test");
  const client = await request.newContext({ baseURL: E2E.baseURL });
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await client.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, ...(code && { code }), json: "true" },
    maxRedirects: 0,
  });
  const status = (await client.get("/api/v1/me")).status();
  await client.dispose();
  return status;
}

test("a person sets up two-factor with an authenticator app, then signs in with its code or a recovery code, each once", async ({
  page,
  makeUser,
}) => {
  // A long journey (set up, two sign-ins, renew, turn off), each step waiting on argon2 and the clock.
  test.setTimeout(120_000);
  const user = await makeUser("reader");
  await signIn(page, user.email, user.password);
  await openTwoFactorPage(page);
  await expect(page.getByTestId("two-factor-card")).toContainText("Off");

  await page.getByLabel("Current password").fill("not my password");
  await page.getByRole("button", { name: "Set up two-factor" }).click();
  await expect(page.locator("#two-factor-password-error")).toHaveText("Not correct");
  const { secret, recoveryCodes } = await setUpTwoFactor(page, user.password);
  await expect(page.getByTestId("two-factor-card")).toContainText("On");
  await expect(page.getByTestId("recovery-codes-left")).toHaveText("10 of 10 recovery codes left.");

  // A password alone no longer makes a session, in the browser or from a script.
  expect(await sessionFromPassword(user.email, user.password)).toBe(401);
  await signOut(page);
  await submitSignIn(page, user.email, user.password);
  await expect(page.getByLabel("Authentication code")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 800 });
  await screenshot(page, "two-factor-sign-in-phone");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByLabel("Authentication code").fill(wrongCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("sign-in-error")).toContainText("That code is not correct");
  const code = appCode(secret);
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("user-menu")).toBeVisible();

  // The same code again is refused (replay); a recovery code signs in once.
  await signOut(page);
  await signInWithCode(page, user.email, user.password, code);
  await expect(page.getByTestId("sign-in-error")).toContainText("That code is not correct");
  await signInWithCode(page, user.email, user.password, recoveryCodes[0].toUpperCase());
  await expect(page.getByTestId("user-menu")).toBeVisible();
  await openTwoFactorPage(page);
  await expect(page.getByTestId("recovery-codes-left")).toHaveText("9 of 10 recovery codes left.");
  await signOut(page);
  await signInWithCode(page, user.email, user.password, recoveryCodes[0]);
  await expect(page.getByTestId("sign-in-error")).toContainText("That code is not correct");

  // New recovery codes replace the old ones; turning two-factor off needs the password. (Four
  // failures so far: one more within 15 minutes would lock the account.)
  await signInWithCode(page, user.email, user.password, recoveryCodes[1]);
  await openTwoFactorPage(page);
  await page.getByRole("button", { name: "New recovery codes" }).click();
  await page.getByRole("dialog").getByLabel("Current password").fill(user.password);
  await page.getByRole("dialog").getByRole("button", { name: "Make new codes" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  const renewed = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allTextContents();
  expect(renewed).not.toContain(recoveryCodes[2]);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await page.getByRole("button", { name: "Turn off" }).click();
  await page.getByRole("dialog").getByLabel("Current password").fill(user.password);
  await page.getByRole("dialog").getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(page.getByText("Two-factor is off.")).toBeVisible();
  expect(await sessionFromPassword(user.email, user.password)).toBe(200);

  // Every step is in the audit log, without a secret or a code; the server's log has neither.
  const audit = await (await makeUser("admin")).api.get(`/api/v1/audit-log?targetType=user&targetId=${user.id}&limit=100`);
  const entries = JSON.stringify(await audit.json());
  for (const action of ["user.two_factor_enabled", "user.recovery_codes_renewed", "user.two_factor_disabled", "auth.sign_in_failed"])
    expect(entries).toContain(action);
  const serverLog = readFileSync(E2E.serverLog, "utf8");
  for (const secretValue of [secret, ...recoveryCodes, ...renewed]) {
    expect(entries).not.toContain(secretValue);
    expect(serverLog).not.toContain(secretValue);
  }
  expect(entries).not.toContain(`"${code}"`); // six digits could occur in the log's timestamps by chance
});

test("wrong codes count towards the sign-in lockout; an admin resets a lost second factor", async ({ page, browser, makeUser }) => {
  test.setTimeout(120_000);
  const user = await makeUser("trigger");
  await signIn(page, user.email, user.password);
  await openTwoFactorPage(page);
  const { secret } = await setUpTwoFactor(page, user.password);

  const other = await browser.newContext({ baseURL: E2E.baseURL });
  const attacker = await other.newPage();
  for (let i = 0; i < 5; i++) {
    await signInWithCode(attacker, user.email, user.password, wrongCode(secret));
    await expect(attacker.getByTestId("sign-in-error")).toContainText("That code is not correct");
  }
  // Locked: now the right code is refused too, and so is the password.
  await attacker.getByLabel("Authentication code").fill(appCode(secret));
  await attacker.getByRole("button", { name: "Verify" }).click();
  await expect(attacker.getByTestId("sign-in-error")).toContainText("Too many failed sign-ins");
  await attacker.getByRole("button", { name: "Back" }).click();
  await attacker.getByLabel("Password").fill(user.password);
  await attacker.getByRole("button", { name: "Sign in" }).click();
  await expect(attacker.getByTestId("sign-in-error")).toContainText("Too many failed sign-ins");
  await other.close();

  // The person lost their phone: an admin turns their two-factor off; their sessions end.
  const admin = await makeUser("admin");
  const adminContext = await browser.newContext({ baseURL: E2E.baseURL });
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin.email, admin.password);
  await adminPage.goto("/admin/users");
  const row = adminPage.getByTestId(`user-row-${user.email}`);
  await expect(row).toContainText("Two-factor");
  await row.getByRole("button", { name: `Reset two-factor of ${user.email}` }).click();
  await adminPage.getByRole("alertdialog").getByRole("button", { name: "Reset two-factor" }).click();
  await expect(adminPage.getByText(`Two-factor is off for ${user.email}.`)).toBeVisible();
  await expect(row).not.toContainText("Two-factor");
  await adminContext.close();

  await page.goto("/integrations");
  await expect(page).toHaveURL(/\/sign-in/);
});
