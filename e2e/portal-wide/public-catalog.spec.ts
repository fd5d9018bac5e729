import { request as playwrightRequest } from "@playwright/test";
import { E2E } from "../fixtures/config";
import { expect, signIn, test } from "../fixtures/portal";

test("the catalog is not public by default; made public, it alone is readable without signing in", async ({ page, adminApi, makeUser }) => {
  const type = `public${Date.now().toString(36)}.item.created`;
  const patched = await adminApi.patch(`/api/v1/event-types/${type}`, {
    data: { description: "For receivers", schema: { type: "object", properties: { sku: { type: "string" } }, required: ["sku"] } },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  const anonymous = await playwrightRequest.newContext({ baseURL: E2E.baseURL });
  try {
    expect((await anonymous.get("/api/v1/event-types/catalog")).status()).toBe(401);

    const admin = await makeUser("admin");
    await signIn(page, admin.email, admin.password);
    await page.goto("/event-types");
    await page.getByRole("switch", { name: "Public catalog" }).click();
    await expect(page.getByText("The catalog can now be read without signing in.")).toBeVisible();

    const open = await anonymous.get("/api/v1/event-types/catalog");
    expect(open.status()).toBe(200);
    const catalog = (await open.json()) as { types: { name: string; schema: unknown; examples: Record<string, unknown> }[] };
    const entry = catalog.types.find((t) => t.name === type);
    expect(entry?.schema).toEqual({ type: "object", properties: { sku: { type: "string" } }, required: ["sku"] });
    expect(Object.keys(entry?.examples ?? {})).toEqual(["standard", "slack", "discord", "teams", "zapier"]);

    // Nothing else: the other reads, the OpenAPI document and the portal's pages still need a sign-in.
    for (const path of [
      "/api/v1/event-types",
      `/api/v1/event-types/${type}`,
      "/api/v1/events",
      "/api/v1/openapi.json",
      "/api/v1/settings/event-types",
    ])
      expect((await anonymous.get(path)).status(), path).toBe(401);
    const pageAnswer = await anonymous.get("/event-types", { maxRedirects: 0 });
    expect(pageAnswer.status()).toBeGreaterThanOrEqual(300);
    expect(pageAnswer.status()).toBeLessThan(400);
    // A wrong token is refused rather than treated as anonymous.
    expect((await anonymous.get("/api/v1/event-types/catalog", { headers: { authorization: "Bearer nope" } })).status()).toBe(401);

    await page.getByRole("switch", { name: "Public catalog" }).click();
    await expect(page.getByText("The catalog now needs a sign-in.")).toBeVisible();
    expect((await anonymous.get("/api/v1/event-types/catalog")).status()).toBe(401);
  } finally {
    await adminApi.put("/api/v1/settings/event-types", { data: { publicCatalog: false } });
    await anonymous.dispose();
  }
});
