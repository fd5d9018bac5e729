// The `webhooks` section as a receiver uses it: Redocly accepts the document, openapi-typescript
// generates types from it, and a receiver written against them compiles with `tsc --strict` on
// the body the portal really builds for the type (and fails on a body that does not fit).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { makeUser } from "@/lib/testing/factories";
import { getEventTypeCatalog } from "./get-catalog";
import { loadWebhooksSection } from "./openapi-webhooks";
import { updateEventType } from "./update-event-type";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "portal-webhooks-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const suffix = Date.now().toString(36);
const paid = `shop${suffix}.order.paid`;
const free = `shop${suffix}.note.added`;

describe("the OpenAPI webhooks section", () => {
  it("generates receiver types that the portal's real bodies satisfy under tsc --strict", async () => {
    const { ctx } = await makeUser("admin");
    await updateEventType({
      ctx,
      name: paid,
      input: {
        description: "An order was paid",
        schema: {
          $schema: "https://json-schema.org/draft/2020-12/schema",
          type: "object",
          $defs: {
            money: {
              type: "object",
              properties: { amount: { type: "number" }, currency: { type: "string", enum: ["EUR", "USD"] } },
              required: ["amount", "currency"],
            },
          },
          properties: {
            orderId: { type: "string" },
            total: { $ref: "#/$defs/money" },
            lines: {
              type: "array",
              items: { type: "object", properties: { sku: { type: "string" }, qty: { type: "integer" } }, required: ["sku", "qty"] },
            },
            coupon: { type: ["string", "null"] },
          },
          required: ["orderId", "total", "lines"],
        },
      },
    });
    await updateEventType({ ctx, name: free, input: { description: "No schema yet" } });

    const doc = buildOpenApiDocument("Test API", { serverUrl: "https://portal.test", webhooks: await loadWebhooksSection({ ctx }) });
    expect(doc.webhooks?.[paid]?.post).toMatchObject({
      parameters: [{ name: "webhook-id" }, { name: "webhook-timestamp" }, { name: "webhook-signature" }],
    });

    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "https://portal.test/api/v1/openapi.json", config });
    expect(problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);

    writeFileSync(path.join(dir, "api.d.ts"), astToString(await openapiTS(doc as never)));
    const catalog = await getEventTypeCatalog({ ctx });
    const body = catalog.types.find((t) => t.name === paid)!.examples.standard;
    const other = catalog.types.find((t) => t.name === free)!.examples.standard;
    writeFileSync(
      path.join(dir, "receiver.ts"),
      `import type { webhooks } from "./api";
type Body<T extends keyof webhooks> = NonNullable<webhooks[T]["post"]>["requestBody"] extends infer R
  ? R extends { content: { "application/json": infer B } } ? B : never
  : never;

export function totalOf(body: Body<${JSON.stringify(paid)}>): string {
  const { amount, currency } = body.data.event.details.total;
  const lines: number = body.data.event.details.lines.reduce((n, l) => n + l.qty, 0);
  const coupon: string | null | undefined = body.data.event.details.coupon;
  return amount.toFixed(2) + " " + currency + " " + lines + " " + coupon;
}

export const real: Body<${JSON.stringify(paid)}> = ${JSON.stringify(body, null, 2)};
export const untyped: Body<${JSON.stringify(free)}> = ${JSON.stringify(other, null, 2)};
export const anything: Record<string, unknown> = untyped.data.event.details;

// The check can fail: a currency the schema does not allow, and a required field missing.
export const wrongCurrency: Body<${JSON.stringify(paid)}>["data"]["event"]["details"]["total"] = {
  amount: 1,
  // @ts-expect-error currency is an enum
  currency: "GBP",
};
// @ts-expect-error orderId is required
export const missing: Body<${JSON.stringify(paid)}>["data"]["event"]["details"] = { total: { amount: 1, currency: "EUR" }, lines: [] };
`,
    );
    const tsc = path.join(process.cwd(), "node_modules", ".bin", "tsc");
    const result = spawnSync(
      tsc,
      [
        "--noEmit",
        "--strict",
        "--skipLibCheck",
        "--target",
        "es2022",
        "--module",
        "esnext",
        "--moduleResolution",
        "bundler",
        path.join(dir, "receiver.ts"),
      ],
      { encoding: "utf8" },
    );
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  }, 60_000);
});
