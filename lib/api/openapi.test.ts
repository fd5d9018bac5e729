import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

describe("buildOpenApiDocument", () => {
  const doc = buildOpenApiDocument("Test API");

  it("documents each operation with its permission, parameters and schemas", () => {
    const put = doc.paths["/api/v1/integrations/{id}/webhook"]?.put;
    expect(put).toMatchObject({
      tags: ["Webhooks"],
      "x-permission": "integrations.manage",
      parameters: [{ name: "id", in: "path", required: true }],
      requestBody: { content: { "application/json": { schema: { type: "object", required: ["url", "enabled"] } } } },
      responses: { 422: { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } },
    });
    const list = doc.paths["/api/v1/integrations"]?.get;
    expect(list?.parameters?.map((p) => p.name)).toEqual(["limit", "cursor", "q"]);
    expect(doc.paths["/api/v1/me"]?.get?.["x-permission"]).toBe("portal.read");
  });

  it("writes dates as date-time strings and never embeds $schema", () => {
    const json = JSON.stringify(doc);
    expect(json).not.toContain('"$schema"');
    const view = doc.paths["/api/v1/integrations/{id}"]?.get?.responses[200].content?.["application/json"].schema;
    expect(view?.properties?.createdAt).toEqual({ type: "string", format: "date-time" });
  });
});
