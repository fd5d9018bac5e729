import { describe, expect, it } from "vitest";
import { openApiAnswerChecker } from "./openapi-answers";

const error = { $ref: "#/components/schemas/Error" };
const doc = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/things/{id}": {
      get: {
        responses: {
          200: {
            description: "a thing",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { id: { type: "string", format: "uuid" }, at: { type: "string", format: "date-time" } },
                  required: ["id"],
                  additionalProperties: false,
                },
              },
            },
          },
          404: { description: "none", content: { "application/json": { schema: error } } },
          429: {
            description: "slow down",
            headers: { "Retry-After": { schema: { type: "string" } } },
            content: { "application/json": { schema: error } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Error: {
        type: "object",
        properties: {
          error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } }, required: ["code", "message"] },
        },
        required: ["error"],
      },
    },
  },
};

const ID = "0190a0b0-0000-7000-8000-000000000001";
const json = { "content-type": "application/json" };
const answer = (status: number, body: unknown, headers: Record<string, string> = json, method = "GET", url = `/api/v1/things/${ID}`) => ({
  method,
  url,
  status,
  headers,
  body: typeof body === "string" ? body : JSON.stringify(body),
});

describe("openApiAnswerChecker", () => {
  const { check } = openApiAnswerChecker(doc);

  it("passes an answer that fits, and names what does not", async () => {
    expect(await check(answer(200, { id: ID, at: "2026-12-01T10:00:00Z" }))).toEqual([]);
    expect((await check(answer(200, { id: ID, extra: 1 }))).join()).toContain("additionalProperties");
    expect((await check(answer(200, { id: "not-a-uuid" }))).join()).toContain("format");
    expect((await check(answer(200, { id: ID, at: "yesterday" }))).join()).toContain("format");
    expect((await check(answer(200, "<html>", { "content-type": "text/html" }))).join()).toContain('content type "text/html"');
  });

  it("refuses statuses and headers the document does not have, and error bodies of another shape", async () => {
    expect(await check(answer(404, { error: { code: "not_found", message: "none" } }))).toEqual([]);
    expect((await check(answer(400, { error: { code: "bad_request", message: "x" } }))).join()).toContain(
      "400: the status is not documented",
    );
    expect((await check(answer(404, { message: "none" }))).join()).toContain("required");
    expect(await check(answer(429, { error: { code: "rate_limited", message: "x" } }, { ...json, "retry-after": "3" }))).toEqual([]);
    expect((await check(answer(404, { error: { code: "not_found", message: "x" } }, { ...json, "retry-after": "3" }))).join()).toContain(
      "retry-after is not documented",
    );
  });

  it("expects a JSON 404 for a path the document does not have, and a JSON 405 with Allow for a method it does not list", async () => {
    const notFound = { error: { code: "not_found", message: "no such path" } };
    expect(await check(answer(404, notFound, json, "GET", "/api/v1/nope"))).toEqual([]);
    expect((await check(answer(404, "<!DOCTYPE html>", { "content-type": "text/html" }, "GET", "/api/v1/nope"))).join()).toContain(
      "not JSON",
    );
    expect((await check(answer(200, notFound, json, "GET", "/api/v1/nope"))).join()).toContain("not 404");
    const wrongMethod = { error: { code: "method_not_allowed", message: "x" } };
    expect(await check(answer(405, wrongMethod, { ...json, allow: "GET, HEAD" }, "DELETE"))).toEqual([]);
    expect((await check(answer(405, wrongMethod, json, "DELETE"))).join()).toContain("without Allow");
    expect((await check(answer(404, "", {}, "DELETE"))).join()).toContain("not 405");
  });
});
