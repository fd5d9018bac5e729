import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { E2E } from "./fixtures/config";
import { expect, screenshot, signIn, test } from "./fixtures/portal";

const CANARY = "canary-token-8f3a";

test("an admin adds an integration, configures its webhook, reveals, copies and rotates its secret, then disables it", async ({ page }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, E2E.admin.email, E2E.admin.password);
  const name = `Alerts ${randomUUID().slice(0, 8)}`;

  await page.goto("/integrations");
  await page.getByRole("link", { name: "Add integration" }).click();
  // The list's "Search by name" box matches a loose "Name" label: wait for the form itself.
  await expect(page.getByRole("heading", { name: "Add an integration" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  // A standard webhook (the default connector type) on Make.
  await page.getByText("Make", { exact: true }).click();
  await page.getByRole("button", { name: "Add integration" }).click();
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]+\/webhook$/);

  await page.getByLabel("URL").fill("http://10.0.0.1/hook");
  await page.getByLabel("Bearer token (optional)").fill(CANARY);
  await page.getByRole("button", { name: "Create configuration" }).click();
  await expect(page.getByText(/10\.0\.0\.1 is a private address.*PORTAL_WEBHOOK_ALLOWED_HOSTS/)).toBeVisible();

  await page.getByLabel("URL").fill("https://127.0.0.1:9/hook");
  await page.getByRole("button", { name: "Create configuration" }).click();
  await expect(page.getByTestId("bearer-token-state")).toContainText("ending in 8f3a");

  await page.reload();
  await expect(page.getByTestId("bearer-token-state")).toContainText("ending in 8f3a");
  expect(await page.content()).not.toContain(CANARY);

  await page.getByRole("button", { name: "Reveal" }).click();
  const secret = await page.getByTestId("signing-secret").textContent();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await page.getByRole("button", { name: "Copy current secret" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  await page.getByRole("button", { name: "Rotate" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByTestId("rotation-state")).toContainText("the previous secret also signs until");
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByTestId("previous-signing-secret")).toHaveText(secret!);
  await expect(page.getByTestId("signing-secret")).not.toHaveText(secret!);
  await screenshot(page, "integrations-webhook-config");

  // Nothing listens on port 9: the test send is recorded and its failure shown at once.
  await page.getByRole("button", { name: "Send test webhook" }).click();
  const result = page.getByTestId("trigger-result");
  await expect(result).toHaveAttribute("data-status", "failed");
  await expect(result).toContainText("connection_refused");
  await screenshot(page, "integrations-test-send");

  // Off by default; once on, the receiver gets a W3C traceparent with each request (while traces are exported).
  const traceparent = page.getByRole("switch", { name: "Send traceparent" });
  await expect(traceparent).not.toBeChecked();
  await traceparent.click();
  await page.getByRole("switch", { name: "Enabled" }).click();
  await page.getByRole("button", { name: "Save configuration" }).click();
  await expect(page.getByText("Webhook configuration saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("switch", { name: "Send traceparent" })).toBeChecked();
  await expect(page.getByRole("switch", { name: "Enabled" })).not.toBeChecked();
  await page.goto(`/integrations?q=${encodeURIComponent(name)}`);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row.getByText("Disabled").filter({ visible: true })).toBeVisible();
  await expect(row.getByText("Never").filter({ visible: true })).toBeVisible();
  await screenshot(page, "integrations-list");
});

test("a user who is not an admin sees no Configure action and is refused by the API", async ({ page, adminApi, makeUser }) => {
  const name = `Readonly ${randomUUID().slice(0, 8)}`;
  const created = await adminApi.post("/api/v1/integrations", { data: { name, platform: "n8n" } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const user = await makeUser("trigger");
  await signIn(page, user.email, user.password);
  await page.goto(`/integrations?q=${encodeURIComponent(name)}`);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row.getByText("Not configured").filter({ visible: true })).toBeVisible();
  await expect(row.getByRole("link", { name: /Configure/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Add integration" })).toHaveCount(0);
  expect((await page.goto(`/integrations/${id}/webhook`))?.status()).toBe(403);

  const put = await user.api.put(`/api/v1/integrations/${id}/webhook`, { data: { url: "https://127.0.0.1:9/", enabled: true } });
  expect(put.status()).toBe(403);
  expect(await put.json()).toEqual({ error: { code: "forbidden", message: expect.any(String) } });
  expect((await user.api.delete(`/api/v1/integrations/${id}`)).status()).toBe(403);
  expect((await user.api.get(`/api/v1/integrations/${id}`)).status()).toBe(200);
});

test("the webhook form refuses header values that cannot be sent and shows the URL as it is requested", async ({ page, adminApi }) => {
  test.setTimeout(120_000);
  const { id } = (await (
    await adminApi.post("/api/v1/integrations", { data: { name: `Exact ${randomUUID().slice(0, 8)}`, platform: "custom" } })
  ).json()) as { id: string };
  await signIn(page, E2E.admin.email, E2E.admin.password);
  await page.goto(`/integrations/${id}/webhook`);
  await page.getByLabel("URL").fill("http://127.0.0.1:4101\\@evil.example/h/x");
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header 1 name").fill("X-Note");
  await page.getByLabel("Header 1 value").fill("price in €😀");
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header 2 name").fill("Expect");
  await page.getByLabel("Header 2 value").fill("100-continue");
  await page.getByRole("button", { name: "Create configuration" }).click();
  await expect(page.getByText(/U\+20AC cannot be sent in a header/)).toBeVisible();
  await expect(page.getByText("Expect is set by the portal or by HTTP itself; it cannot be added")).toBeVisible();
  await screenshot(page, "webhook-header-refused");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "webhook-header-refused-phone");
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByLabel("Header 1 value").fill("price in EUR");
  await page.getByRole("button", { name: "Remove header 2" }).click();
  await page.getByRole("button", { name: "Create configuration" }).click();
  await expect(page.getByLabel("URL")).toHaveValue("http://127.0.0.1:4101/@evil.example/h/x");
  await page.reload();
  await expect(page.getByLabel("URL")).toHaveValue("http://127.0.0.1:4101/@evil.example/h/x");
  await screenshot(page, "webhook-url-as-requested");

  // A client certificate (mutual TLS): an expired one is refused at save time, a valid one shown by subject and expiry.
  await page.getByRole("button", { name: "Add a client certificate" }).click();
  await page.getByLabel("Certificate (PEM, chain allowed)").fill(certificate("client-expired.pem"));
  await page.getByLabel("Private key (PEM, without a passphrase)").fill(certificate("client-expired-key.pem"));
  await page.getByRole("button", { name: "Save configuration" }).click();
  await expect(page.getByText("This certificate expired on 2021-01-01", { exact: true })).toBeVisible();
  await screenshot(page, "webhook-client-certificate-expired");
  await page.getByLabel("Certificate (PEM, chain allowed)").fill(certificate("client.pem"));
  await page.getByLabel("Private key (PEM, without a passphrase)").fill(certificate("client-key.pem"));
  await page.getByRole("button", { name: "Save configuration" }).click();
  await expect(page.getByTestId("client-certificate-state")).toContainText("CN=portal-client");
  await page.reload();
  await expect(page.getByTestId("client-certificate-state")).toContainText(/Expires on 21\d\d-/);
  expect(await page.content()).not.toContain("PRIVATE KEY-----\nMII");
  await screenshot(page, "webhook-client-certificate");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "webhook-client-certificate-phone");
});

const certificate = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", "certs", name), "utf8");
