import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

describe("buildOpenApiDocument", () => {
  const doc = buildOpenApiDocument("Test API");

  it("documents each operation with its permission, parameters and schemas", () => {
    const put = doc.paths["/integrations/{id}/webhook"]?.put;
    expect(put).toMatchObject({
      tags: ["Webhooks"],
      "x-permission": "integrations.manage",
      parameters: [{ name: "id", in: "path", required: true }],
      requestBody: { content: { "application/json": { schema: { type: "object", required: ["enabled"] } } } },
      responses: { 422: { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } },
    });
    const list = doc.paths["/integrations"]?.get;
    expect(list?.parameters?.map((p) => p.name)).toEqual(["limit", "cursor", "q"]);
    expect(doc.paths["/me"]?.get?.["x-permission"]).toBe("portal.read");
  });

  it("writes dates as date-time strings and never embeds $schema", () => {
    const json = JSON.stringify(doc);
    expect(json).not.toContain('"$schema"');
    const view = doc.paths["/integrations/{id}"]?.get?.responses[200].content?.["application/json"].schema;
    expect(view?.properties?.createdAt).toEqual({ type: "string", format: "date-time" });
  });
});

describe("API_OPERATIONS", () => {
  it("documents every route handler under app/api/v1", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const { API_OPERATIONS } = await import("./openapi");
    const root = path.join(import.meta.dirname, "..", "..", "app", "api", "v1");
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === "route.ts") {
          const route = "/api/v1/" + path.relative(root, dir).replace(/\[(\w+)\]/g, "{$1}");
          for (const [, method] of readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) {
            found.push(`${method.toLowerCase()} ${route.replace(/\/$/, "")}`);
          }
        }
      }
    };
    walk(root);
    const documented = new Set(API_OPERATIONS.map((o) => `${o.method} ${o.path}`));
    expect(found.filter((r) => r !== "get /api/v1/openapi.json" && !documented.has(r))).toEqual([]);
  });
});
