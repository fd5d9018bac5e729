import { randomUUID } from "node:crypto";
import { E2E } from "./fixtures/config";
import { expect, screenshot, signIn, test } from "./fixtures/portal";

test("an admin takes the platform's suggested limits for a webhook, and the API answers them", async ({ page, adminApi }) => {
  const created = await adminApi.post("/api/v1/integrations", { data: { name: `Limited ${randomUUID().slice(0, 8)}`, platform: "n8n" } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await signIn(page, E2E.admin.email, E2E.admin.password);
  await page.goto(`/integrations/${id}/webhook`);
  await page.getByLabel("URL").fill("https://127.0.0.1:9/hook");
  await expect(page.getByTestId("suggested-limits")).toContainText("Suggested for this platform: 5 in flight.");
  await page.getByRole("button", { name: "Use suggested limits" }).click();
  await expect(page.getByLabel("Deliveries in flight at once, at most (optional)")).toHaveValue("5");
  await page.getByRole("button", { name: "Create configuration" }).click();
  await expect(page.getByText("Webhook configured. A signing secret has been generated.")).toBeVisible();
  await screenshot(page, "webhook-delivery-limits");
  const webhook = (await (await adminApi.get(`/api/v1/integrations/${id}/webhook`)).json()) as {
    maxInFlight: number | null;
    maxPerSecond: number | null;
  };
  expect(webhook).toMatchObject({ maxInFlight: 5, maxPerSecond: null });

  await page.getByLabel("Deliveries in flight at once, at most (optional)").fill("0");
  await page.getByRole("button", { name: "Save configuration" }).click();
  await expect(page.getByText("Use at least 1")).toBeVisible();
  const refused = await adminApi.put(`/api/v1/integrations/${id}/webhook`, {
    data: { url: "https://127.0.0.1:9/hook", enabled: true, maxInFlight: 201 },
  });
  expect(refused.status()).toBe(422);
  expect(((await refused.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors.maxInFlight).toEqual([
    "Use at most 200",
  ]);
});
