import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { startReceiver, type Receiver } from "../lib/testing/receiver";
import { E2E } from "./fixtures/config";
import { expect, screenshot, signIn, test } from "./fixtures/portal";

const receivers: Receiver[] = [];
test.afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

/** An enabled integration of the default workspace whose webhook points at a local receiver. */
async function integrationWithReceiver(adminApi: APIRequestContext) {
  const r = await startReceiver();
  receivers.push(r);
  const name = `Members hook ${randomUUID().slice(0, 8)}`;
  const created = await adminApi.post("/api/v1/integrations", { data: { name, platform: "custom" } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const put = await adminApi.put(`/api/v1/integrations/${id}/webhook`, {
    data: { url: r.url, enabled: true, bearerToken: null, timeoutSeconds: 5 },
  });
  expect(put.ok(), await put.text()).toBe(true);
  return { id, name, receiver: r };
}

test("an owner invites a member in the browser; the invitee creates an account from the link, lands in the workspace and triggers", async ({
  browser,
  page,
  adminApi,
}) => {
  const integration = await integrationWithReceiver(adminApi);
  const email = `invitee-${randomUUID().slice(0, 8)}@e2e.test`;
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E.baseURL });

  // The owner (the seeded admin) invites them as a member who may trigger.
  await signIn(page, E2E.admin.email, E2E.admin.password);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  await expect(async () => {
    await page.getByRole("button", { name: "Invite" }).click();
    await expect(page.getByRole("dialog")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("member");
  await dialog.getByRole("switch", { name: "Can trigger integrations" }).click();
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const shown = dialog.getByTestId("invitation-link");
  await expect(shown).toContainText("/invite/");
  await expect(dialog).toContainText("sends no email");
  await screenshot(page, "members-invitation-link");
  await dialog.getByRole("button", { name: "Copy invitation link" }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await shown.textContent());
  expect(link).toMatch(new RegExp(`^${E2E.baseURL}/invite/[A-Za-z0-9_-]{43}$`));
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId(`invitation-row-${email}`)).toContainText("Member");

  // The invitee, in a browser of their own, with no account: name and password, then in.
  const invitee = await browser.newContext({ baseURL: E2E.baseURL });
  const theirs = await invitee.newPage();
  await theirs.goto(link);
  await expect(theirs.getByRole("heading", { name: "Join Default" })).toBeVisible();
  await theirs.getByLabel("Your name").fill("Ivy Invitee");
  await theirs.getByLabel("Choose a password").fill("harbour lantern violet 42");
  await screenshot(theirs, "members-join-with-new-account");
  await theirs.getByRole("button", { name: "Create account and join" }).click();
  await expect(theirs).toHaveURL(/\/w\/default\/integrations/);
  await expect(theirs.getByTestId("user-menu")).toBeVisible();

  // A member with the trigger permission: they trigger the integration, and it is delivered.
  await theirs.goto(`/integrations?q=${encodeURIComponent(integration.name)}`);
  const row = theirs.getByRole("row").filter({ hasText: integration.name });
  await row.getByRole("button", { name: `Trigger ${integration.name}` }).click();
  const trigger = theirs.getByRole("dialog", { name: `Trigger ${integration.name}` });
  await trigger.getByRole("button", { name: "Send" }).click();
  await expect(trigger.getByTestId("trigger-result")).toContainText("Delivered");
  expect(integration.receiver.requests).toHaveLength(1);
  // A member, not an admin: the Members page is not theirs.
  expect((await theirs.goto("/admin/users"))?.status()).toBe(403);

  // The link is spent; the owner sees the new member and no pending invitation.
  await theirs.goto(link);
  await expect(theirs.getByTestId("invitation-accepted")).toContainText("used already");
  await page.reload();
  const member = page.getByTestId(`user-row-${email}`);
  await expect(member.getByRole("combobox", { name: `Role: ${email}` })).toHaveValue("member");
  await expect(member.getByRole("switch", { name: `Can trigger integrations: ${email}` })).toBeChecked();
  await expect(page.getByTestId(`invitation-row-${email}`)).toHaveCount(0);

  // At 390 px the page fits the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(member).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "members-390");
  await invitee.close();
});

test("invitations over the API: listed, revoked (its page says so); someone with an account signs in first, then joins", async ({
  adminApi,
  makeUser,
  browser,
}) => {
  const email = `revoked-${randomUUID().slice(0, 8)}@e2e.test`;
  const created = await adminApi.post("/api/v1/invitations", { data: { email, role: "admin" } });
  expect(created.status(), await created.text()).toBe(201);
  const invitation = (await created.json()) as { id: string; path: string; token: string };
  const listed = (await (await adminApi.get("/api/v1/invitations")).json()) as { data: { id: string }[] };
  expect(listed.data.map((i) => i.id)).toContain(invitation.id);
  expect(JSON.stringify(listed)).not.toContain(invitation.token);
  expect((await adminApi.delete(`/api/v1/invitations/${invitation.id}`)).status()).toBe(204);
  const page = await browser.newPage({ baseURL: E2E.baseURL });
  await page.goto(invitation.path);
  await expect(page.getByTestId("invitation-revoked")).toContainText("revoked");

  // Someone with an account (who left the workspace): the link sends them to sign in, then back to join.
  const user = await makeUser("reader");
  expect((await adminApi.delete(`/api/v1/members/${user.id}`)).status()).toBe(204);
  const back = await adminApi.post("/api/v1/invitations", { data: { email: user.email, role: "member", canTriggerIntegrations: true } });
  expect(back.status(), await back.text()).toBe(201);
  const { path } = (await back.json()) as { path: string };
  await page.goto(path);
  await page.getByTestId("invitation-sign-in").click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("button", { name: "Join Default" })).toBeVisible();
  await page.getByRole("button", { name: "Join Default" }).click();
  await expect(page).toHaveURL(/\/w\/default\/integrations/);
  const mine = (await (await page.request.get("/api/v1/me")).json()) as { canTriggerIntegrations: boolean };
  expect(mine.canTriggerIntegrations).toBe(true);
  // A member already: a new invitation is refused.
  expect((await adminApi.post("/api/v1/invitations", { data: { email: user.email } })).status()).toBe(409);
  await page.close();
});

test("removing a member revokes their API tokens here; the last owner stays (409)", async ({ adminApi, makeUser }) => {
  const user = await makeUser("trigger");
  expect((await user.api.get("/api/v1/me")).status()).toBe(200);
  expect((await adminApi.delete(`/api/v1/members/${user.id}`)).status()).toBe(204);
  expect((await user.api.get("/api/v1/me")).status()).toBe(401);
  expect((await adminApi.delete(`/api/v1/members/${user.id}`)).status()).toBe(404);

  const me = (await (await adminApi.get("/api/v1/me")).json()) as { id: string };
  const members = (await (await adminApi.get("/api/v1/members?limit=200")).json()) as { data: { id: string; role: string }[] };
  const owners = members.data.filter((m) => m.role === "owner");
  if (owners.length === 1 && owners[0].id === me.id) {
    const demote = await adminApi.patch(`/api/v1/members/${me.id}`, { data: { role: "admin" } });
    expect(demote.status()).toBe(409);
    expect(((await demote.json()) as { error: { message: string } }).error.message).toMatch(/last owner/);
  }
});
