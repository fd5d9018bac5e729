// The OpenAPI document as tools see it: a maintained linter (Redocly, recommended rules) accepts
// it, and a client generated from it (openapi-typescript) type-checks against the answers of the
// real route handlers — so a schema that drifts from what a route returns fails here.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { expectDocumentedAnswer } from "@/lib/testing/documented-answer";
import { makeUser } from "@/lib/testing/factories";
import { createToken } from "@/lib/tokens/create-token";
import { API_OPERATIONS, buildOpenApiDocument, TAG_DESCRIPTIONS } from "@/lib/api/openapi";
import { OPERATION_IDS } from "@/lib/api/operation-ids";

// Route handlers read the request's headers through next/headers: here, an admin's API token.
const requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));

const doc = buildOpenApiDocument("Test API", { serverUrl: "https://portal.test" });
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "portal-openapi-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended rules without an error", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "https://portal.test/api/v1/openapi.json", config });
    const errors = problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
    expect(problems.filter((p) => p.ruleId === "no-unresolved-refs" || p.ruleId === "operation-operationId")).toEqual([]);
  });

  it("names every operation, once, and describes every tag", () => {
    const ids = API_OPERATIONS.map((o) => OPERATION_IDS[`${o.method} ${o.path}`]);
    expect(API_OPERATIONS.filter((o, i) => !ids[i]).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.tags.filter((t) => !TAG_DESCRIPTIONS[t.name])).toEqual([]);
    expect(doc.servers.map((s) => s.url)).toEqual(["https://portal.test/api/v1", "https://portal.test/api/v1/workspaces/{workspace}"]);
  });

  it("generates a typed client that the real answers of the route handlers satisfy", async () => {
    // A .ts file, not .d.ts: --skipLibCheck would not look inside a declaration file, and the
    // generated types themselves must compile under --strict.
    writeFileSync(path.join(dir, "api.ts"), astToString(await openapiTS(doc as never)));
    const admin = await makeUser("admin");
    const { token } = await createToken({
      ctx: admin.ctx,
      input: { name: "openapi client test", scopes: ["read", "events:write", "admin"] },
    });
    requestHeaders.set("authorization", `Bearer ${token}`);

    const call = async (
      module: Promise<Record<string, unknown>>,
      method: string,
      url: string,
      body?: unknown,
      params: Record<string, string> = {},
    ) => {
      const handler = (await module)[method] as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
      const init =
        body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { "content-type": "application/json" } };
      const request = new Request(`https://portal.test${url}`, init);
      const response = await handler(request, { params: Promise.resolve(params) });
      await expectDocumentedAnswer(request, response);
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return response.json();
    };
    const createBody = { name: `Client ${Date.now()}`, platform: "custom" };
    const created = (await call(import("@/app/api/v1/integrations/route"), "POST", "/api/v1/integrations", createBody)) as { id: string };
    const got = await call(import("@/app/api/v1/integrations/[id]/route"), "GET", `/api/v1/integrations/${created.id}`, undefined, {
      id: created.id,
    });
    const list = await call(import("@/app/api/v1/integrations/route"), "GET", "/api/v1/integrations?limit=5");
    const eventBody = {
      type: "order.failed",
      title: "Order 7 failed",
      severity: "high",
      source: "shop",
      occurredAt: new Date().toISOString(),
      details: { order: 7, lines: [{ sku: "A", qty: 2 }], note: null },
    };
    const event = await call(import("@/app/api/v1/events/route"), "POST", "/api/v1/events", eventBody);
    const me = await call(import("@/app/api/v1/me/route"), "GET", "/api/v1/me");

    const literal = (value: unknown) => JSON.stringify(value, null, 2);
    writeFileSync(
      path.join(dir, "calls.ts"),
      `import type { paths } from "./api";
type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
type Answer<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends { responses: infer R } ? (S extends keyof R ? Json<R[S]> : never) : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

export const createBody: Body<"/integrations", "post"> = ${literal(createBody)};
export const created: Answer<"/integrations", "post", 201> = ${literal(created)};
export const got: Answer<"/integrations/{id}", "get", 200> = ${literal(got)};
export const list: Answer<"/integrations", "get", 200> = ${literal(list)};
export const eventBody: Body<"/events", "post"> = ${literal(eventBody)};
export const event: Answer<"/events", "post", 201> = ${literal(event)};
export const me: Answer<"/me", "get", 200> = ${literal(me)};
// A trigger's answer is typed (not unknown), first send and replay alike; so are event details.
type Triggered = Answer<"/integrations/{id}/trigger", "post", 201>;
export const sentStatus: string = ({} as Triggered).status;
export const replayedBody: string = ({} as Answer<"/integrations/{id}/trigger", "post", 200>).request.body;
export const detailKeys: string[] = Object.keys(event.details);
// The check can fail: a platform the API does not know, and a field no answer has.
// @ts-expect-error platform is an enum
export const wrongBody: Body<"/integrations", "post"> = { name: "x", platform: "not-a-platform" };
// @ts-expect-error no such field
export const extra: Answer<"/me", "get", 200> = { ...me, notAField: 1 };
`,
    );
    const tsc = path.join(process.cwd(), "node_modules", ".bin", "tsc");
    const result = spawnSync(
      tsc,
      ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", path.join(dir, "calls.ts")],
      { encoding: "utf8" },
    );
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  }, 60_000);
});
