import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

/**
 * JSON Schema (draft 2020-12) for the details of an event type, checked and applied with Ajv.
 * No database: the caller passes the schema and the version it belongs to.
 */

export type JsonSchemaObject = Record<string, unknown>;

/** One place where a value does not fit: a JSON Pointer into the value, and what is wrong there. */
export interface SchemaError {
  pointer: string;
  message: string;
}

/** Schemas larger than this are refused (the catalog and every validator stay small). */
export const MAX_SCHEMA_BYTES = 64 * 1024;
/** At most this many errors are reported for one value. */
const MAX_ERRORS = 20;

function newAjv() {
  // strict: an unknown keyword or format is a mistake in the schema, reported when it is saved.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, validateSchema: true });
  addFormats(ajv);
  // Keywords the portal's own inferred schemas and editors may carry, which validate nothing.
  ajv.addKeyword({ keyword: "x-example" });
  return ajv;
}

const ajv = newAjv();

/** Compiled validators by `type@version`: a version is never changed once written, so entries never go stale. */
const compiled = new Map<string, ValidateFunction>();
const MAX_CACHED = 2000;

/**
 * Whether `schema` is a JSON Schema Ajv can apply to an event's details: valid against the 2020-12
 * meta-schema, no unknown keyword or format, no external reference, and describing an object.
 */
export function checkSchema(schema: unknown): SchemaError[] {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return [{ pointer: "", message: "A schema is a JSON object" }];
  if (Buffer.byteLength(JSON.stringify(schema)) > MAX_SCHEMA_BYTES) return [{ pointer: "", message: "The schema is larger than 64 KiB" }];
  const record = schema as JsonSchemaObject;
  if (record.type !== undefined && record.type !== "object")
    return [{ pointer: "/type", message: 'The details of an event are a JSON object: use "type": "object"' }];
  const external = findExternalRef(record, "");
  if (external) return [{ pointer: external, message: "Only references inside the schema (#/$defs/…) are allowed" }];
  const nestedId = findNestedId(record, "", true);
  if (nestedId) return [{ pointer: nestedId, message: "Use $defs and references (#/$defs/…) rather than $id inside the schema" }];
  const checker = newAjv();
  if (!checker.validateSchema(record)) return toSchemaErrors(checker.errors ?? []);
  try {
    checker.compile(record);
  } catch (error) {
    return [{ pointer: "", message: error instanceof Error ? error.message : "The schema cannot be compiled" }];
  }
  return [];
}

/** Validates `details` against version `version` of `type`'s schema, compiling it once per process (its cache is keyed by workspace, type and version). */
export function validateDetails(
  workspaceId: string,
  type: string,
  version: number,
  schema: JsonSchemaObject,
  details: unknown,
): SchemaError[] {
  const validate = validatorFor(workspaceId, type, version, schema);
  return validate(details) ? [] : toSchemaErrors(validate.errors ?? []);
}

/** Validates with a compiled validator only; undefined when `type@version` is not compiled yet. */
export function validateCached(workspaceId: string, type: string, version: number, details: unknown): SchemaError[] | undefined {
  const validate = compiled.get(`${workspaceId}/${type}@${version}`);
  if (!validate) return undefined;
  return validate(details) ? [] : toSchemaErrors(validate.errors ?? []);
}

function validatorFor(workspaceId: string, type: string, version: number, schema: JsonSchemaObject): ValidateFunction {
  const key = `${workspaceId}/${type}@${version}`;
  let validate = compiled.get(key);
  if (!validate) {
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    // Stored schemas were checked when saved; `$id` is dropped so two versions never clash in Ajv's registry.
    const { $id: _, ...rest } = schema;
    validate = ajv.compile(rest);
    compiled.set(key, validate);
  }
  return validate;
}

function toSchemaErrors(errors: ErrorObject[]): SchemaError[] {
  const seen = new Set<string>();
  const out: SchemaError[] = [];
  for (const e of errors) {
    const pointer = e.keyword === "required" ? `${e.instancePath}/${escape(String(e.params.missingProperty))}` : e.instancePath;
    const message = messageOf(e);
    const key = `${pointer} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, message });
    if (out.length >= MAX_ERRORS) break;
  }
  return out;
}

function messageOf(e: ErrorObject): string {
  switch (e.keyword) {
    case "required":
      return "is required";
    case "additionalProperties":
      return `has an unexpected property "${String(e.params.additionalProperty)}"`;
    case "enum":
      return `must be one of: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "type":
      return `must be of type ${[e.params.type].flat().join(" or ")}`;
    default:
      return e.message ?? "is not valid";
  }
}

const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

function findExternalRef(node: unknown, pointer: string): string | null {
  if (!node || typeof node !== "object") return null;
  for (const [key, value] of Object.entries(node)) {
    if ((key === "$ref" || key === "$dynamicRef") && typeof value === "string" && !value.startsWith("#")) return `${pointer}/${key}`;
    const found = findExternalRef(value, `${pointer}/${escape(key)}`);
    if (found) return found;
  }
  return null;
}

/** An `$id` below the root would register a schema of its own in the shared validator: refused. */
function findNestedId(node: unknown, pointer: string, root: boolean): string | null {
  if (!node || typeof node !== "object") return null;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$id" && typeof value === "string" && !root) return `${pointer}/$id`;
    const found = findNestedId(value, `${pointer}/${escape(key)}`, false);
    if (found) return found;
  }
  return null;
}
