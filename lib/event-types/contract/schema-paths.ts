import type { JsonSchemaObject } from "./validator";

/**
 * The places a schema declares in event details, as the dotted paths subscription filters use
 * (`details.order.total`; `[]` marks the items of an array), with their types: for the catalog's
 * tree and the subscription form's suggestions. Pure.
 */

export interface SchemaPath {
  /** details.order.total */
  path: string;
  depth: number;
  types: string[];
  required: boolean;
  description: string | null;
  enum: unknown[] | null;
  format: string | null;
}

const MAX_PATHS = 500;

export function schemaPaths(schema: JsonSchemaObject): SchemaPath[] {
  const out: SchemaPath[] = [];
  walk(schema, "details", 0, true, out);
  return out.slice(1);
}

function walk(schema: JsonSchemaObject, path: string, depth: number, required: boolean, out: SchemaPath[]) {
  if (out.length >= MAX_PATHS || depth > 32) return;
  out.push({
    path,
    depth,
    types: schema.type === undefined ? [] : [schema.type as string | string[]].flat(),
    required,
    description: typeof schema.description === "string" ? schema.description : null,
    enum: Array.isArray(schema.enum) ? schema.enum : null,
    format: typeof schema.format === "string" ? schema.format : null,
  });
  const properties = (schema.properties ?? {}) as Record<string, JsonSchemaObject>;
  const req = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const [key, child] of Object.entries(properties)) {
    if (child && typeof child === "object") walk(child, `${path}.${key}`, depth + 1, req.has(key), out);
  }
  if (schema.items && typeof schema.items === "object") walk(schema.items as JsonSchemaObject, `${path}[]`, depth + 1, false, out);
}

/**
 * Whether a filter path (`details.a.b`, as lib/webhooks/match.ts reads it) can exist in details
 * that fit `schema`: every segment must be a declared property, unless an object on the way admits
 * other properties (no `additionalProperties: false`) or the schema says nothing there.
 */
export function schemaAllowsPath(schema: JsonSchemaObject, segments: readonly string[]): boolean {
  let node: JsonSchemaObject | undefined = schema;
  for (const segment of segments) {
    if (!node) return true;
    const properties = (node.properties ?? {}) as Record<string, JsonSchemaObject>;
    if (segment in properties) {
      node = properties[segment];
      continue;
    }
    if (node.items && typeof node.items === "object" && /^\d+$/.test(segment)) {
      node = node.items as JsonSchemaObject;
      continue;
    }
    if (node.additionalProperties === false) return false;
    if (node.additionalProperties && typeof node.additionalProperties === "object") {
      node = node.additionalProperties as JsonSchemaObject;
      continue;
    }
    // The schema does not describe this place: anything may be there.
    const types = node.type === undefined ? null : [node.type as string | string[]].flat();
    if (types && !types.includes("object") && !types.includes("array")) return false;
    return true;
  }
  return true;
}
