import type { JsonSchemaObject } from "./validator";

/**
 * Example details made from a schema, for a type that has a schema but no event seen yet: the
 * schema's own `examples`, `const`, `default` or first `enum` value where it gives one, otherwise
 * a placeholder of the declared type (every property included, so a receiver sees all of them). Pure.
 */
export function exampleFromSchema(schema: JsonSchemaObject): Record<string, unknown> {
  const value = exampleOf(schema, schema, 0);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function exampleOf(schema: JsonSchemaObject, root: JsonSchemaObject, depth: number): unknown {
  if (depth > 16) return null;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ("const" in schema) return schema.const;
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (typeof schema.$ref === "string" && schema.$ref.startsWith("#/")) {
    const target = schema.$ref
      .slice(2)
      .split("/")
      .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), root);
    return target && typeof target === "object" ? exampleOf(target as JsonSchemaObject, root, depth + 1) : null;
  }
  for (const combinator of ["oneOf", "anyOf", "allOf"] as const) {
    const options = schema[combinator];
    if (Array.isArray(options) && options.length > 0) return exampleOf(options[0] as JsonSchemaObject, root, depth + 1);
  }
  const types = schema.type === undefined ? (schema.properties ? ["object"] : []) : [schema.type as string | string[]].flat();
  const type = types.find((t) => t !== "null") ?? types[0];
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchemaObject>))
        out[key] = exampleOf(child, root, depth + 1);
      return out;
    }
    case "array":
      return schema.items && typeof schema.items === "object" ? [exampleOf(schema.items as JsonSchemaObject, root, depth + 1)] : [];
    case "string":
      return stringExample(schema.format);
    case "integer":
      return typeof schema.minimum === "number" ? Math.ceil(schema.minimum) : 1;
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1.5;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return null;
  }
}

function stringExample(format: unknown): string {
  switch (format) {
    case "date-time":
      return "2026-01-31T12:00:00Z";
    case "date":
      return "2026-01-31";
    case "email":
      return "someone@example.com";
    case "uri":
    case "url":
      return "https://example.com/";
    case "uuid":
      return "00000000-0000-4000-8000-000000000000";
    default:
      return "string";
  }
}
