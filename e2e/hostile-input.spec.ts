// Every route of the OpenAPI document, called with a fixed corpus of hostile input: each answer
// must be below 500, every error a JSON body with a code, and every answer what the document
// says (lib/testing/openapi-answers.ts: status, headers, content type, body schema). Keeps
// issue-15 class bugs fixed.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { openApiAnswerChecker } from "../lib/testing/openapi-answers";
import { E2E } from "./fixtures/config";
import { expect, test } from "./fixtures/portal";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};
type Operation = {
  parameters?: { name: string; in: "path" | "query" }[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
};
type OpenApi = { paths: Record<string, Record<string, Operation>> };
type Sent = { method: string; url: string; call: () => Promise<APIResponse> };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const SOME_ID = "0190a0b0-0000-7000-8000-000000000001";

/** Hostile text, as JSON string values (NUL and lone surrogates survive JSON escaping). */
const TEXT = [
  "a\u0000b",
  "\ud800",
  "x\udc00y",
  "\ud83d",
  "' OR '1'='1",
  '"; DROP TABLE "User"; --',
  "%00%ff",
  "\\x00\\u0000",
  "../../../etc/passwd",
  "<script>alert(1)</script>",
  "Deploy done\r\nSeverity: low",
  "Bell\u0007",
  "Invoice \u202Egpj.exe",
  "Pay\u200Bment",
  "€😀\u2028",
  "𝕏".repeat(2000),
  "a".repeat(100_000),
  "",
  " ",
];
const DATES = [
  "0000-01-01",
  "9999-12-31",
  "0000-01-01T00:00:00Z",
  "+275760-09-13T00:00:00Z",
  "-000001-01-01T00:00:00Z",
  "2026-13-45",
  "2026-02-30T25:61:00Z",
];
const WRONG_TYPES: unknown[] = [0, -1, 1e308, 3.5, true, null, [], {}, ["a"], { $gt: "" }, [[[[[[[[]]]]]]]]];
const CURSORS = [
  b64(["2026-11-01T10:00:00.000Z", "not-a-uuid"]),
  b64(["+275760-09-13T00:00:00.000Z", SOME_ID]),
  b64(["0000-01-01T00:00:00.000Z", SOME_ID]),
  b64(["2026-11-01T10:00:00.000Z", "' OR 1=1 --"]),
  b64([1, 2]),
  b64({}),
  b64(null),
  "!!!not-base64",
];
/** Raw, already percent-encoded query values: NUL, bytes that are not UTF-8, a lone surrogate's bytes. */
const RAW_QUERY = ["%00", "a%00b", "%ff", "%ED%A0%80", "%C0%AF", "%27%20OR%201%3D1--", "%3Cscript%3E", "x".repeat(6000)];
/** Raw, already percent-encoded path segments. */
const RAW_PATH = [
  "%00",
  "%ff",
  "%C0%AF",
  "not-a-uuid",
  "%ED%A0%80",
  `${SOME_ID}%27%20OR%20%271%27=%271`,
  "..%2F..%2Fopenapi.json",
  "0".repeat(3000),
  SOME_ID.toUpperCase(),
];
const TEN_MB = "x".repeat(10 * 1024 * 1024);

/** Every property name a request body schema knows (through unions too). */
function propertiesOf(schema: JsonSchema): string[] {
  const names = new Set(Object.keys(schema.properties ?? {}));
  for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    for (const n of propertiesOf(part)) names.add(n);
  return [...names];
}

test("every route answers hostile input with a 4xx JSON error, never a 5xx", async ({ adminApi, makeUser }) => {
  test.setTimeout(600_000);
  // Real rows for the path parameters of writes, so that bodies are read and validated.
  const integration = (await (
    await adminApi.post("/api/v1/integrations", { data: { name: `Hostile ${randomUUID().slice(0, 8)}`, platform: "custom" } })
  ).json()) as { id: string };
  const event = (await (
    await adminApi.post("/api/v1/events", { data: { type: "hostile.input", title: "Hostile input", severity: "low", source: "e2e" } })
  ).json()) as { id: string };
  const user = await makeUser("reader");
  const realIds: Record<string, string> = { integrations: integration.id, events: event.id, users: user.id };

  const settingsBefore = await (await adminApi.get("/api/v1/settings/event-types")).json();
  const doc = (await (await adminApi.get("/api/v1/openapi.json")).json()) as OpenApi;
  const documented = openApiAnswerChecker(doc);
  const undocumented = new Map<string, { count: number; example: string }>();
  let tried = 0;
  const failures: string[] = [];

  // A few requests at once: the walk is long, and the server must hold up to concurrent abuse too.
  const inFlight = new Set<Promise<void>>();
  async function check(label: string, request: Sent) {
    while (inFlight.size >= 4) await Promise.race(inFlight);
    const done: Promise<void> = answer(label, request).finally(() => inFlight.delete(done));
    inFlight.add(done);
  }

  async function answer(label: string, { method, url, call }: Sent) {
    tried++;
    let res: APIResponse;
    let text: string;
    try {
      res = await call();
      text = await res.text();
    } catch (error) {
      failures.push(`${label}: request failed (${(error as Error).message.split("\n")[0]})`);
      return;
    }
    const status = res.status();
    // Grouped by what does not fit (one line per operation, status and problem, with an example).
    for (const problem of await documented.check({ method, url, status, headers: res.headers(), body: text })) {
      const key = problem.replace(/ \(#[^)]*\)$/, "");
      const seen = undocumented.get(key);
      undocumented.set(key, { count: (seen?.count ?? 0) + 1, example: seen?.example ?? `${label}: ${text.slice(0, 160)}` });
    }
    if (status >= 500) return void failures.push(`${label}: ${status} ${text.slice(0, 200)}`);
    if (status >= 400) {
      let body: { error?: { code?: unknown } } | undefined;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      if (!res.headers()["content-type"]?.includes("application/json") || typeof body?.error?.code !== "string") {
        failures.push(`${label}: ${status} without a JSON error body: ${text.slice(0, 200)}`);
      }
    }
  }

  const sent = (api: APIRequestContext, method: string, url: string, data?: unknown, raw?: string): Sent => ({
    method,
    url,
    call: () =>
      api.fetch(url, {
        method: method.toUpperCase(),
        ...(raw !== undefined ? { data: raw, headers: { "content-type": "application/json" } } : data !== undefined ? { data } : {}),
        maxRedirects: 0,
      }),
  });

  // Paths the API does not have, and methods a path does not answer: JSON 404 and 405 (with Allow).
  for (const [method, url] of [
    ["get", "/api/v1/nope"],
    ["post", "/api/v1/nope/deeper"],
    ["delete", "/api/v1/me"],
    ["put", "/api/v1/events"],
    ["patch", "/api/v1/executions/export"],
    ["get", "/api/v1/integrations/" + SOME_ID + "/trigger"],
  ]) {
    await check(`${method.toUpperCase()} ${url} (not an operation)`, sent(adminApi, method, url));
  }

  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const name = `${method.toUpperCase()} ${template}`;
      // Writes go to the real row named by the path (never a DELETE of it); reads to any id.
      const collection = template.split("/")[1];
      const idFor = method === "delete" || method === "get" ? SOME_ID : (realIds[collection] ?? SOME_ID);
      const url = (id: string) => `/api/v1${template}`.replace(/\{[^}]+\}/g, id);
      const queryNames = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      const body = op.requestBody?.content["application/json"].schema;
      const validBody = body ? {} : undefined;

      // Path parameters.
      if (template.includes("{")) {
        for (const segment of RAW_PATH)
          await check(`${name} path=${segment.slice(0, 40)}`, sent(adminApi, method, url(segment), validBody));
      }
      // Query parameters: text, dates and cursors in every one of them.
      for (const param of queryNames) {
        const values = [...RAW_QUERY, ...DATES.map(encodeURIComponent), ...CURSORS, "-1", "1e309", "NaN", "[object Object]"];
        for (const value of values) {
          const extra = template.endsWith("/export") && param !== "format" ? "&format=csv" : "";
          await check(
            `${name} ?${param}=${value.slice(0, 40)}`,
            sent(adminApi, method, `${url(idFor)}?${param}=${value}${extra}`, validBody),
          );
        }
        // A repeated parameter.
        await check(`${name} ?${param} repeated`, sent(adminApi, method, `${url(idFor)}?${param}=a&${param}=b`, validBody));
      }
      if (!body) continue;
      // Request bodies: every field with hostile text, dates and wrong types; the body itself wrong.
      // `true` is a valid value of a portal-wide switch (the public catalog): sent, it would change the
      // portal under the tests that run beside this one.
      const portalWide = template.startsWith("/settings/");
      for (const field of [...propertiesOf(body), "__proto__", "constructor"]) {
        for (const value of [...TEXT, ...DATES, ...WRONG_TYPES]) {
          if (portalWide && value === true) continue;
          await check(`${name} {${field}: ${JSON.stringify(value)?.slice(0, 40)}}`, sent(adminApi, method, url(idFor), { [field]: value }));
        }
        if (field === "details") {
          await check(
            `${name} details with a NUL key`,
            sent(adminApi, method, url(idFor), { type: "a.b", title: "t", severity: "low", source: "s", details: { "a\u0000": 1 } }),
          );
          await check(
            `${name} details with a lone surrogate`,
            sent(adminApi, method, url(idFor), { type: "a.b", title: "t", severity: "low", source: "s", details: { a: ["\udfff"] } }),
          );
        }
      }
      for (const raw of [
        "{",
        "[1,2",
        "null",
        "[]",
        '"text"',
        "1",
        "true",
        '{"a":' + "[".repeat(10_000),
        "\u0000",
        '{"__proto__": {"isAdmin": true}}',
        '{"details": {"__proto__": {"x": 1}, "a": {"__proto__": 2}}}',
        '{"n": 12345678901234567890, "details": {"n": 12345678901234567890}}',
        '{"n": 1e309, "details": {"n": 1e309}}',
        '{"n": -0, "details": {"n": 1e-400}}',
      ]) {
        await check(`${name} raw body ${raw.slice(0, 30)}`, sent(adminApi, method, url(idFor), undefined, raw));
      }
      await check(`${name} 10 MB body`, sent(adminApi, method, url(idFor), { [propertiesOf(body)[0] ?? "name"]: TEN_MB }));
    }
  }

  await Promise.all(inFlight);
  for (const [problem, { count, example }] of undocumented) failures.push(`not as documented (${count}×): ${problem} — e.g. ${example}`);
  console.log(`hostile input: ${tried} requests tried, ${failures.length} failed`);
  test.info().annotations.push({ type: "hostile-input", description: `${tried} tried, ${failures.length} failed` });
  expect(tried).toBeGreaterThan(1000);
  expect(failures).toEqual([]);
  expect(await (await adminApi.get("/api/v1/settings/event-types")).json(), "the portal-wide settings are as they were").toEqual(
    settingsBefore,
  );
});

test("what is accepted is kept exactly, or refused with a field error that names it", async ({ adminApi }) => {
  const refusal = async (res: APIResponse) => {
    expect(res.status(), await res.text()).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; message: string; fieldErrors?: Record<string, string[]> } };
    expect(error.code).toBe("validation_failed");
    return error;
  };
  const event = { type: "hostile.kept", title: "Kept exactly", severity: "low", source: "e2e" };
  const rawEvent = (details: string) =>
    adminApi.post("/api/v1/events", {
      data: `${JSON.stringify(event).slice(0, -1)},"details":${details}}`,
      headers: { "content-type": "application/json" },
    });

  // Numbers that would change are refused with their path; those that survive are kept.
  for (const [number, why] of [
    ["12345678901234567890", "more significant digits"],
    ["1e-400", "too small"],
    ["-0", "would become 0"],
    ["1e309", "beyond the range"],
  ]) {
    const error = await refusal(await rawEvent(`{"order":{"amount":${number}}}`));
    expect(error.fieldErrors?.details?.[0]).toContain(`details.order.amount: ${number} `);
    expect(error.fieldErrors?.details?.[0]).toContain(why);
  }
  const kept = await rawEvent('{"a":1.0,"b":0.1,"c":9007199254740991,"d":1e21}');
  expect(kept.status()).toBe(201);
  expect(((await kept.json()) as { details: unknown }).details).toEqual({ a: 1, b: 0.1, c: 9007199254740991, d: 1e21 });

  // __proto__ keys are refused with their path, never dropped.
  const proto = await refusal(await rawEvent('{"a":{"__proto__":{"x":1}}}'));
  expect(proto.fieldErrors?.details?.[0]).toContain("details.a.__proto__");

  // Titles and sources are one line of visible text.
  for (const [field, value] of [
    ["title", "Deploy done\r\nSeverity: low"],
    ["title", "Bell\u0007"],
    ["title", "Invoice \u202Egpj.exe"],
    ["title", "Pay\u200Bment"],
    ["source", "e2e\u2066"],
  ]) {
    const error = await refusal(await adminApi.post("/api/v1/events", { data: { ...event, [field]: value } }));
    expect(error.fieldErrors?.[field]?.[0]).toMatch(/U\+[0-9A-F]{4}/);
  }

  // A filter that could never match is refused; a URL is stored as it is requested.
  const integration = (await (
    await adminApi.post("/api/v1/integrations", { data: { name: `Kept ${randomUUID().slice(0, 8)}`, platform: "custom" } })
  ).json()) as { id: string };
  const filter = await refusal(
    await adminApi.post(`/api/v1/integrations/${integration.id}/subscriptions`, {
      data: { eventTypes: ["hostile.*"], filter: { "details.__proto__.x": 1 } },
    }),
  );
  expect(JSON.stringify(filter.fieldErrors)).toContain("__proto__");
  const saved = await adminApi.put(`/api/v1/integrations/${integration.id}/webhook`, {
    data: { url: "http://127.0.0.1:4101\\@evil.example/h/x", enabled: true },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  expect(((await (await adminApi.get(`/api/v1/integrations/${integration.id}/webhook`)).json()) as { url: string }).url).toBe(
    "http://127.0.0.1:4101/@evil.example/h/x",
  );

  // Custom headers that could never be sent are refused at save.
  for (const header of [
    { name: "X-Note", value: "€😀" },
    { name: "X-Note", value: "a\u2028b" },
    { name: "Expect", value: "100-continue" },
  ]) {
    const error = await refusal(
      await adminApi.put(`/api/v1/integrations/${integration.id}/webhook`, {
        data: { url: "http://127.0.0.1:4101/h", enabled: true, headers: [header] },
      }),
    );
    expect(JSON.stringify(error.fieldErrors), header.value).toContain("headers");
  }
});

test("a server action called from another origin answers 403 and logs one JSON line", async ({ makeUser }) => {
  const { session } = await makeUser("admin");
  const logBefore = readFileSync(E2E.serverLog, "utf8").length;
  for (const origin of ["https://evil.example", "null"]) {
    const res = await session.post("/integrations", {
      headers: { "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: origin },
      data: JSON.stringify([{}]),
      maxRedirects: 0,
    });
    expect(res.status(), origin).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
  }
  await expect
    .poll(
      () =>
        readFileSync(E2E.serverLog, "utf8")
          .slice(logBefore)
          .split("\n")
          .filter((l) => l.includes("server action refused")).length,
    )
    .toBe(2);
  const added = readFileSync(E2E.serverLog, "utf8")
    .slice(logBefore)
    .split("\n")
    .filter((l) => l.trim() !== "");
  for (const line of added) expect(() => JSON.parse(line), line.slice(0, 200)).not.toThrow();
});
