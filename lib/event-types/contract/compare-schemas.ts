import type { JsonSchemaObject } from "./validator";

/**
 * Compares two versions of an event type's schema from a receiver's point of view: compatible
 * when the new one only adds optional properties (or changes descriptions and examples);
 * breaking when a property is removed, retyped, newly required or no longer required, or an enum
 * gains values. Other constraint changes are reported and count as compatible. Pure.
 */

export type Compatibility = "compatible" | "breaking";

export interface SchemaChange {
  path: string;
  breaking: boolean;
  message: string;
}

const ANNOTATIONS = new Set(["title", "description", "examples", "default", "$comment", "$schema", "$id", "x-example", "deprecated"]);
const STRUCTURE = new Set(["type", "properties", "required", "items", "enum", "const", "additionalProperties"]);

export function compareSchemas(
  before: JsonSchemaObject,
  after: JsonSchemaObject,
): { compatibility: Compatibility; changes: SchemaChange[] } {
  const changes: SchemaChange[] = [];
  compare(before, after, "details", changes);
  return { compatibility: changes.some((c) => c.breaking) ? "breaking" : "compatible", changes };
}

const typesOf = (schema: JsonSchemaObject): string[] | null =>
  schema.type === undefined ? null : [schema.type as string | string[]].flat().map((t) => (t === "integer" ? "integer" : t));

function compare(a: JsonSchemaObject, b: JsonSchemaObject, path: string, out: SchemaChange[]) {
  const ta = typesOf(a);
  const tb = typesOf(b);
  if (JSON.stringify(ta?.slice().sort()) !== JSON.stringify(tb?.slice().sort())) {
    // integer → number widens what the receiver gets; any other difference retypes the field.
    out.push({ path, breaking: true, message: `${path} changed type from ${ta?.join(" or ") ?? "any"} to ${tb?.join(" or ") ?? "any"}` });
  }

  const propsA = (a.properties ?? {}) as Record<string, JsonSchemaObject>;
  const propsB = (b.properties ?? {}) as Record<string, JsonSchemaObject>;
  const reqA = new Set((a.required ?? []) as string[]);
  const reqB = new Set((b.required ?? []) as string[]);
  for (const key of Object.keys(propsA)) {
    const child = `${path}.${key}`;
    if (!(key in propsB)) out.push({ path: child, breaking: true, message: `${child} was removed` });
    else compare(propsA[key], propsB[key], child, out);
  }
  for (const key of Object.keys(propsB)) {
    if (key in propsA) continue;
    const child = `${path}.${key}`;
    out.push(
      reqB.has(key)
        ? { path: child, breaking: true, message: `${child} was added as required` }
        : { path: child, breaking: false, message: `${child} was added (optional)` },
    );
  }
  for (const key of reqB) {
    if (!reqA.has(key) && key in propsA) out.push({ path: `${path}.${key}`, breaking: true, message: `${path}.${key} became required` });
  }
  for (const key of reqA) {
    if (!reqB.has(key) && key in propsB)
      out.push({ path: `${path}.${key}`, breaking: true, message: `${path}.${key} is no longer required` });
  }

  if (a.items && typeof a.items === "object" && b.items && typeof b.items === "object")
    compare(a.items as JsonSchemaObject, b.items as JsonSchemaObject, `${path}[]`, out);
  else if (JSON.stringify(a.items) !== JSON.stringify(b.items))
    out.push({ path: `${path}[]`, breaking: true, message: `The items of ${path} changed` });

  if (a.enum || b.enum) {
    const ea = a.enum ? (a.enum as unknown[]).map((v) => JSON.stringify(v)) : null;
    const eb = b.enum ? (b.enum as unknown[]).map((v) => JSON.stringify(v)) : null;
    const added = ea === null ? [] : eb === null ? ["any value"] : eb.filter((v) => !ea.includes(v));
    const removed = eb === null || ea === null ? [] : ea.filter((v) => !eb.includes(v));
    if (ea === null && eb !== null) out.push({ path, breaking: false, message: `${path} is now limited to ${eb.join(", ")}` });
    if (added.length > 0) out.push({ path, breaking: true, message: `${path} may now also be ${added.join(", ")}` });
    if (removed.length > 0) out.push({ path, breaking: false, message: `${path} is no longer ${removed.join(", ")}` });
  }
  if (JSON.stringify(a.const) !== JSON.stringify(b.const))
    out.push({ path, breaking: true, message: `The constant value of ${path} changed` });

  // Anything else (formats, bounds, patterns, combinators): reported; breaking when a combinator changes.
  const other = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !ANNOTATIONS.has(k) && !STRUCTURE.has(k)));
  for (const key of other) {
    if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    const combinator = ["oneOf", "anyOf", "allOf", "not", "$ref", "$defs", "if", "then", "else", "prefixItems"].includes(key);
    out.push({ path, breaking: combinator, message: `${key} of ${path} changed` });
  }
  if (JSON.stringify(a.additionalProperties) !== JSON.stringify(b.additionalProperties))
    out.push({ path, breaking: false, message: `additionalProperties of ${path} changed` });
}
