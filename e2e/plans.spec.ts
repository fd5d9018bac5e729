import { randomUUID } from "node:crypto";
import { E2E } from "./fixtures/config";
import { expect, screenshot, signIn, signOut, test } from "./fixtures/portal";
import { sessionClient } from "./fixtures/session";

const REFUSAL = "Slack integrations are not in the Free plan; the Starter plan includes them.";

test("an instance admin creates a Free workspace; its owner is refused a Slack connector and sees the plan's usage", async ({
  page,
  adminApi,
}) => {
  // An account of the portal, not an admin: the new workspace's owner-to-be.
  const owner = { email: `owner-${randomUUID().slice(0, 8)}@e2e.test`, password: `pw-${randomUUID()}` };
  const account = await adminApi.post("/api/v1/users", {
    data: { ...owner, name: "Free owner", isAdmin: false, canTriggerIntegrations: false },
  });
  expect(account.status(), await account.text()).toBe(201);
  const slug = `free-${randomUUID().slice(0, 8)}`;

  // The instance admin (the seeded first admin) creates the workspace on the Free plan, in the browser.
  await signIn(page, E2E.admin.email, E2E.admin.password);
  await page.goto("/admin/workspaces");
  await page.getByRole("button", { name: "New workspace" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(`Free ${slug}`);
  await dialog.getByLabel("Slug").fill(slug);
  await dialog.getByLabel("Plan").selectOption({ label: "Free" });
  await dialog.getByLabel("Owner's email").fill(owner.email);
  await dialog.getByRole("button", { name: "Create workspace" }).click();
  const row = page.getByTestId(`workspace-row-${slug}`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("Free");
  await screenshot(page, "admin-workspaces");
  await signOut(page);

  // Its owner: the form says before it is filled that Slack is not in the plan, naming the plan that has it…
  await signIn(page, owner.email, owner.password);
  await page.goto(`/w/${slug}/integrations/new`);
  await expect(page.getByRole("radio", { name: /Slack/ })).toBeDisabled();
  await expect(page.getByText(REFUSAL)).toBeVisible();
  await screenshot(page, "plan-required-slack");

  // …and the API answers 403 plan_required with the same message, on the connector type.
  const session = await sessionClient(owner.email, owner.password);
  const refused = await session.post(`/api/v1/workspaces/${slug}/integrations`, {
    data: { name: "Alerts", connectorType: "slack" },
    headers: { Origin: E2E.baseURL },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: unknown }).error).toEqual({
    code: "plan_required",
    message: REFUSAL,
    fieldErrors: { connectorType: [REFUSAL] },
  });
  // A standard webhook is in the plan.
  const created = await session.post(`/api/v1/workspaces/${slug}/integrations`, {
    data: { name: "Orders", platform: "n8n" },
    headers: { Origin: E2E.baseURL },
  });
  expect(created.status(), await created.text()).toBe(201);
  await session.dispose();

  // The Plan page: the plan's name and each limit with its usage.
  await page.goto(`/w/${slug}/plan`);
  await expect(page.getByTestId("plan-name")).toHaveText("Free");
  await expect(page.getByTestId("usage-integrations")).toContainText("1");
  await expect(page.getByTestId("usage-integrations")).toContainText("2");
  await expect(page.getByTestId("usage-type-slack")).toContainText("Not in the plan");
  await expect(page.getByTestId("usage-automatic-deliveries")).toContainText("Not in the plan");
  await expect(page.getByTestId("usage-ingest")).toContainText("60");
  await expect(page.getByTestId("usage-history")).toContainText("7 days");
  await expect(page.getByTestId("plan-over")).toHaveCount(0);
  await screenshot(page, "plan-usage");
});
