// The API as its document says, through the real route handlers: every answer below is checked
// against the OpenAPI document (lib/testing/documented-answer.ts), and each case is one that a
// client generated from the document, or a validating proxy in front of the API, tripped over.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { allowedMethods } from "@/lib/api/allowed-methods";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { db } from "@/lib/db";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { expectDocumentedAnswer } from "@/lib/testing/documented-answer";
import { makeUser } from "@/lib/testing/factories";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";
import { createToken } from "@/lib/tokens/create-token";
import type { TokenScope } from "@/lib/auth/permissions";

const requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));
vi.mock("next-auth", async (original) => ({ ...(await original<object>()), getServerSession: async () => null }));

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Module = Record<string, unknown>;

/** Calls a route handler as Next would, checks the answer against the document, and returns it read. */
async function call(
  module: Promise<Module>,
  method: string,
  url: string,
  options: { body?: unknown; raw?: string; params?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const handler = (await module)[method] as Handler;
  const headers = new Headers(requestHeaders);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  const text = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (text !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`https://portal.test${url}`, { method, headers, body: text });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  await expectDocumentedAnswer(request, response);
  const body = await response.text();
  const json = response.headers.get("content-type")?.startsWith("application/json") && body ? JSON.parse(body) : body;
  return { status: response.status, headers: response.headers, body: json };
}

async function useToken(role: Parameters<typeof makeUser>[0], scopes: TokenScope[]) {
  const user = await makeUser(role);
  const { token } = await createToken({ ctx: user.ctx, input: { name: "contract", scopes } });
  requestHeaders.set("authorization", `Bearer ${token}`);
  return user;
}

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

const integrations = () => import("@/app/api/v1/integrations/route");
const events = () => import("@/app/api/v1/events/route");

describe("the API as its document says", () => {
  it("lists events between dates and timestamps, as executions and the audit log do", async () => {
    await useToken("admin", ["read", "admin"]);
    for (const query of ["from=2026-12-01", "from=2025-01-01T00:00:00Z", "from=2025-01-01&to=2025-01-02", "to=2030-01-01T00:00:00.000Z"]) {
      for (const path of ["/api/v1/events", "/api/v1/executions", "/api/v1/audit-log"]) {
        const modules: Record<string, () => Promise<Module>> = {
          "/api/v1/events": events,
          "/api/v1/executions": () => import("@/app/api/v1/executions/route"),
          "/api/v1/audit-log": () => import("@/app/api/v1/audit-log/route"),
        };
        const routeModule = modules[path]();
        const res = await call(routeModule, "GET", `${path}?${query}`);
        expect(res.status, `${path}?${query}: ${JSON.stringify(res.body)}`).toBe(200);
      }
    }
    const reversed = await call(events(), "GET", "/api/v1/events?from=2026-12-02&to=2026-12-01");
    expect(reversed.status).toBe(422);
  });

  it("creates an integration with what the document requires: a name, and a platform or a connector type", async () => {
    await useToken("admin", ["admin"]);
    const schema = buildOpenApiDocument("T").paths["/integrations"]?.post?.requestBody?.content["application/json"].schema;
    expect(schema).toMatchObject({ anyOf: [{ required: ["name", "platform"] }, { required: ["name", "connectorType"] }] });
    const name = () => `Named ${randomUUID().slice(0, 8)}`;
    const bySlack = await call(integrations(), "POST", "/api/v1/integrations", { body: { name: name(), connectorType: "slack" } });
    expect(bySlack.status, JSON.stringify(bySlack.body)).toBe(201);
    expect(bySlack.body).toMatchObject({ platform: "slack" });
    const byPlatform = await call(integrations(), "POST", "/api/v1/integrations", { body: { name: name(), platform: "n8n" } });
    expect(byPlatform.status).toBe(201);
    const nameOnly = await call(integrations(), "POST", "/api/v1/integrations", { body: { name: name() } });
    expect(nameOnly.status).toBe(422);
    expect(nameOnly.body).toMatchObject({ error: { fieldErrors: { platform: ["Choose a platform"] } } });
  });

  it("answers broken JSON with a documented 400, and a too-large body with a documented 413", async () => {
    await useToken("admin", ["admin"]);
    const broken = await call(integrations(), "POST", "/api/v1/integrations", { raw: '{"name":' });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { code: "bad_request" } });
    const large = await call(integrations(), "POST", "/api/v1/integrations", { raw: JSON.stringify({ name: "x".repeat(600_000) }) });
    expect(large.status).toBe(413);
  });

  it("triggers with the documented answer, replays an Idempotency-Key with Idempotent-Replayed, and reads the execution", async () => {
    const admin = await useToken("adminTrigger", ["read", "trigger", "admin"]);
    const created = await call(integrations(), "POST", "/api/v1/integrations", {
      body: { name: `Trigger ${randomUUID().slice(0, 8)}`, platform: "custom" },
    });
    const id = (created.body as { id: string }).id;
    await saveWebhookConfig({ ctx: admin.ctx, integrationId: id, input: { url: receiver.url, enabled: true, timeoutSeconds: 5 } });
    const trigger = import("@/app/api/v1/integrations/[id]/trigger/route");
    const key = randomUUID();
    const first = await call(trigger, "POST", `/api/v1/integrations/${id}/trigger`, {
      body: { mode: "default" },
      params: { id },
      headers: { "idempotency-key": key },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ status: "succeeded", request: { method: "POST" } });
    const again = await call(trigger, "POST", `/api/v1/integrations/${id}/trigger`, {
      body: { mode: "default" },
      params: { id },
      headers: { "idempotency-key": key },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const executionId = (first.body as { id: string }).id;
    const execution = await call(import("@/app/api/v1/executions/[id]/route"), "GET", `/api/v1/executions/${executionId}`, {
      params: { id: executionId },
    });
    expect(execution.status).toBe(200);

    for (const format of ["csv", "jsonl"]) {
      const exported = await call(import("@/app/api/v1/executions/export/route"), "GET", `/api/v1/executions/export?format=${format}`);
      expect(exported.status).toBe(200);
      expect(String(exported.body)).toContain(executionId);
      const audit = await call(import("@/app/api/v1/audit-log/export/route"), "GET", `/api/v1/audit-log/export?format=${format}`);
      expect(audit.status).toBe(200);
    }
  });

  it("answers a path under /api/v1 that does not exist with a JSON 404", async () => {
    await useToken("reader", ["read"]);
    const unknown = import("@/app/api/v1/[...path]/route");
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      const res = await call(unknown, method, "/api/v1/nope/deeper", { params: { path: "nope/deeper" } });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: "not_found", message: expect.stringContaining("/api/v1/nope/deeper") } });
    }
  });

  it("knows the methods of every path of the document, for the 405 that proxy.ts answers", () => {
    const doc = buildOpenApiDocument("T");
    for (const [template, operations] of Object.entries(doc.paths)) {
      const methods = Object.keys(operations).map((m) => m.toUpperCase());
      const expected = methods.includes("GET") ? [...methods, "HEAD"] : methods;
      expect(allowedMethods(`/api/v1${template}`.replace(/\{\w+\}/g, randomUUID()))?.sort(), template).toEqual(expected.sort());
    }
    expect(allowedMethods("/api/v1/executions/export")).toEqual(["GET", "HEAD"]);
    expect(allowedMethods("/api/v1/openapi.json")).toEqual(["GET", "HEAD"]);
    expect(allowedMethods("/api/v1/nope")).toBeNull();
  });

  it("refuses a password change with any API token, before the current password counts towards the lockout", async () => {
    const user = await useToken("adminTrigger", ["read", "events:write", "trigger", "admin"]);
    const password = import("@/app/api/v1/me/password/route");
    for (let i = 0; i < 3; i++) {
      const res = await call(password, "POST", "/api/v1/me/password", {
        body: { currentPassword: "not the password", newPassword: "a brand new long password 7" },
      });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: "forbidden", message: expect.stringContaining("session") } });
    }
    expect(await db.signInAttempt.count({ where: { email: user.user.email } })).toBe(0);
  });
});
