// Checks answers of the API against its OpenAPI document with a maintained OpenAPI 3.1 validator
// (@hyperjump/json-schema's OpenAPI dialect, which reads the document as an OpenAPI document and
// validates values against the schemas in it). Used by the route tests and the hostile-input walk,
// so that an answer the document does not describe fails the test that received it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import "@hyperjump/json-schema/formats";
import { setShouldValidateFormat, validate, type Validator } from "@hyperjump/json-schema/openapi-3-1";

export interface ApiAnswer {
  method: string;
  /** The request's URL (absolute, or a path with its query). */
  url: string;
  status: number;
  headers: Headers | Record<string, string>;
  body: string;
}

interface DocResponse {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown }>;
}
interface Doc {
  paths: Record<string, Record<string, { responses?: Record<string, DocResponse> }>>;
}

const pointer = (...parts: string[]) => "#/" + parts.map((p) => encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

/** A checker for one document: `check(answer)` lists what in the answer the document does not allow (empty when it fits). */
export function openApiAnswerChecker(doc: object) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "portal-openapi-")), "portal.openapi.json");
  writeFileSync(file, JSON.stringify(doc));
  const base = pathToFileURL(file).href;
  setShouldValidateFormat(true);
  const validators = new Map<string, Promise<Validator>>();
  const validatorAt = (ptr: string) => {
    let v = validators.get(ptr);
    if (!v) validators.set(ptr, (v = validate(base + ptr)));
    return v;
  };
  const { paths } = doc as Doc;
  // Literal segments before parameters, so that /executions/export is not taken for /executions/{id}.
  const templates = Object.keys(paths)
    .map((template) => ({
      template,
      // The document's paths are relative to its first server, /api/v1.
      pattern: new RegExp(`^/api/v1${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "[^/]+")}$`),
      params: (template.match(/\{/g) ?? []).length,
    }))
    .sort((a, b) => a.params - b.params);

  async function schemaProblems(ptr: string, value: unknown): Promise<string[]> {
    const output = (await validatorAt(ptr))(value as never, "BASIC");
    if (output.valid) return [];
    return (output.errors ?? [])
      .filter((e) => !/\/(anyOf|oneOf|allOf|\$ref|properties|items|additionalProperties)$/.test(e.keyword))
      .slice(0, 5)
      .map((e) => `${e.instanceLocation}: ${e.keyword.split("/").at(-1)} (${e.absoluteKeywordLocation.split("#")[1]})`);
  }

  async function errorBodyProblems(body: string): Promise<string[]> {
    try {
      return await schemaProblems(pointer("components", "schemas", "Error"), JSON.parse(body));
    } catch {
      return ["the body is not JSON"];
    }
  }

  async function check(answer: ApiAnswer): Promise<string[]> {
    const headers = answer.headers instanceof Headers ? answer.headers : new Headers(answer.headers);
    const pathname = new URL(answer.url, "http://portal.invalid").pathname;
    const method = answer.method.toLowerCase();
    const found = templates.find((t) => t.pattern.test(pathname));
    if (!found) {
      // A path the document does not have: the API's own 404, as JSON like every other error.
      if (answer.status !== 404) return [`${pathname} is not in the document, yet the answer is ${answer.status}, not 404`];
      return errorBodyProblems(answer.body);
    }
    const operation = paths[found.template][method];
    if (!operation) {
      const problems =
        answer.status === 405 ? [] : [`${method} is not documented for ${found.template}, yet the answer is ${answer.status}, not 405`];
      const allowed = Object.keys(paths[found.template]).map((m) => m.toUpperCase());
      const allow = (headers.get("allow") ?? "").split(/,\s*/).filter(Boolean);
      if (!allowed.every((m) => allow.includes(m))) problems.push(`405 without Allow: ${allowed.join(", ")} (got "${allow.join(", ")}")`);
      return [...problems, ...(await errorBodyProblems(answer.body))];
    }
    const where = `${method.toUpperCase()} ${found.template} ${answer.status}`;
    const response = operation.responses?.[String(answer.status)] ?? operation.responses?.default;
    if (!response) return [`${where}: the status is not documented`];
    const problems: string[] = [];
    for (const name of ["retry-after", "idempotent-replayed", "allow"]) {
      const documented = Object.keys(response.headers ?? {}).some((h) => h.toLowerCase() === name);
      if (headers.has(name) && !documented) problems.push(`${where}: the header ${name} is not documented`);
    }
    const contentType = (headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!response.content) {
      if (answer.body !== "") problems.push(`${where}: a body (${contentType || "no content type"}) where none is documented`);
      return problems;
    }
    const mediaType = Object.keys(response.content).find((t) => t.toLowerCase() === contentType);
    if (!mediaType)
      return [...problems, `${where}: content type "${contentType}" is not one of ${Object.keys(response.content).join(", ")}`];
    if (!response.content[mediaType].schema) return problems;
    let value: unknown = answer.body;
    if (mediaType === "application/json") {
      try {
        value = JSON.parse(answer.body);
      } catch {
        return [...problems, `${where}: the body is not JSON`];
      }
    }
    const schema = pointer("paths", found.template, method, "responses", String(answer.status), "content", mediaType, "schema");
    return [...problems, ...(await schemaProblems(schema, value)).map((p) => `${where}: ${p}`)];
  }

  return { check };
}
