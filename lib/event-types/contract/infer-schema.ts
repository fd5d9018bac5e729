import type { JsonSchemaObject } from "./validator";

/**
 * Proposes a JSON Schema (draft 2020-12) for event details from samples of them: the types seen
 * at each place (several where they differ), the keys present in every sample as required, and an
 * enum where a string takes few distinct values that repeat. A proposal for an admin to review,
 * never applied on its own. Pure.
 */

/** A string field becomes an enum when it takes at most this many distinct values… */
const ENUM_MAX_VALUES = 6;
/** …each seen, on average, at least this many times. */
const ENUM_MIN_REPEATS = 2;
const ENUM_MAX_LENGTH = 60;
const TOO_MANY = "\u0000too-many";
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

type JsonType = "null" | "boolean" | "integer" | "number" | "string" | "array" | "object";

/** What was seen at one place of the samples. */
interface Node {
  count: number;
  types: Set<JsonType>;
  strings: Map<string, number>;
  allDateTimes: boolean;
  /** Objects seen here, and how often each key was present among them. */
  objects: number;
  keys: Map<string, Node>;
  keyCounts: Map<string, number>;
  items: Node | null;
}

const newNode = (): Node => ({
  count: 0,
  types: new Set(),
  strings: new Map(),
  allDateTimes: true,
  objects: 0,
  keys: new Map(),
  keyCounts: new Map(),
  items: null,
});

export function inferSchema(samples: readonly unknown[]): JsonSchemaObject {
  const root = newNode();
  for (const sample of samples) observe(root, sample, 0);
  const schema = toSchema(root);
  if (samples.length === 0) return { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object" };
  return { $schema: "https://json-schema.org/draft/2020-12/schema", ...schema, type: "object" };
}

const MAX_DEPTH = 32;

function observe(node: Node, value: unknown, depth: number) {
  node.count++;
  const type = typeOf(value);
  node.types.add(type);
  if (depth >= MAX_DEPTH) return;
  if (type === "string") {
    const s = value as string;
    if (!DATE_TIME.test(s)) node.allDateTimes = false;
    if (node.strings.size <= ENUM_MAX_VALUES && s.length <= ENUM_MAX_LENGTH) node.strings.set(s, (node.strings.get(s) ?? 0) + 1);
    else node.strings.set(TOO_MANY, 0);
  } else if (type === "array") {
    node.items ??= newNode();
    for (const item of value as unknown[]) observe(node.items, item, depth + 1);
  } else if (type === "object") {
    node.objects++;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      let childNode = node.keys.get(key);
      if (!childNode) node.keys.set(key, (childNode = newNode()));
      node.keyCounts.set(key, (node.keyCounts.get(key) ?? 0) + 1);
      observe(childNode, child, depth + 1);
    }
  }
}

function typeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  return "object";
}

function toSchema(node: Node): JsonSchemaObject {
  const types = [...node.types];
  // An integer where a number is seen too is a number.
  const merged = types.includes("number") ? types.filter((t) => t !== "integer") : types;
  const order: JsonType[] = ["object", "array", "string", "integer", "number", "boolean", "null"];
  merged.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const schema: JsonSchemaObject = merged.length === 0 ? {} : { type: merged.length === 1 ? merged[0] : merged };

  if (node.types.has("string")) {
    const onlyStrings = merged.every((t) => t === "string" || t === "null");
    const stringCount = [...node.strings.values()].reduce((a, b) => a + b, 0);
    const closed = !node.strings.has(TOO_MANY) && node.strings.size > 0 && stringCount >= node.strings.size * ENUM_MIN_REPEATS;
    if (node.allDateTimes) schema.format = "date-time";
    else if (onlyStrings && closed) {
      const values: unknown[] = [...node.strings.keys()].sort();
      schema.enum = node.types.has("null") ? [...values, null] : values;
    }
  }
  if (node.types.has("object")) {
    const properties: Record<string, JsonSchemaObject> = {};
    const required: string[] = [];
    for (const key of [...node.keys.keys()].sort()) {
      properties[key] = toSchema(node.keys.get(key)!);
      if (node.keyCounts.get(key) === node.objects) required.push(key);
    }
    if (Object.keys(properties).length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = required;
  }
  if (node.types.has("array") && node.items && node.items.count > 0) schema.items = toSchema(node.items);
  return schema;
}
