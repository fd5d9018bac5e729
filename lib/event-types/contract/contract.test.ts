import { describe, expect, it } from "vitest";
import { compareSchemas } from "./compare-schemas";
import { inferSchema } from "./infer-schema";
import { schemaAllowsPath, schemaPaths } from "./schema-paths";
import { checkSchema, validateDetails, type JsonSchemaObject } from "./validator";

// Samples shaped like what an order system sends: nested objects, arrays of objects, optional
// keys, a field that is sometimes null, numbers that are sometimes whole, a small closed set.
const orders = [
  {
    order: { id: "ord_1", total: 120.5, currency: "EUR", placedAt: "2026-11-30T10:00:00Z" },
    lines: [
      { sku: "A-1", qty: 2 },
      { sku: "B-7", qty: 1, giftWrap: true },
    ],
    customer: { id: 17, email: "ada@example.com", vip: false },
    channel: "web",
    coupon: null,
  },
  {
    order: { id: "ord_2", total: 80, currency: "EUR", placedAt: "2026-11-30T11:20:00+01:00" },
    lines: [{ sku: "C-2", qty: 5 }],
    customer: { id: 18, email: "bob@example.com", vip: true },
    channel: "store",
    coupon: "WINTER",
  },
  {
    order: { id: "ord_3", total: 12, currency: "USD", placedAt: "2026-12-01T08:00:00Z" },
    lines: [],
    customer: { id: 19, email: "cy@example.com", vip: false, note: "call first" },
    channel: "web",
    coupon: null,
  },
  {
    order: { id: "ord_4", total: 9.99, currency: "EUR", placedAt: "2026-12-01T09:00:00Z" },
    lines: [{ sku: "A-1", qty: 1 }],
    customer: { id: 20, email: "dee@example.com", vip: false },
    channel: "web",
    coupon: null,
    source: 3,
  },
];

describe("inferSchema", () => {
  const schema = inferSchema(orders);

  it("proposes a schema every sample fits, and that Ajv accepts", () => {
    expect(checkSchema(schema)).toEqual([]);
    for (const sample of orders) expect(validateDetails("test", "test.infer", 1, schema, sample)).toEqual([]);
  });

  it("types nested objects and arrays, and requires only keys present in every sample", () => {
    expect(schema.required).toEqual(["channel", "coupon", "customer", "lines", "order"]);
    const props = schema.properties as Record<string, JsonSchemaObject>;
    expect(props.order).toMatchObject({ type: "object", required: ["currency", "id", "placedAt", "total"] });
    expect((props.order.properties as Record<string, JsonSchemaObject>).total).toEqual({ type: "number" });
    expect((props.order.properties as Record<string, JsonSchemaObject>).placedAt).toEqual({ type: "string", format: "date-time" });
    expect(props.customer.required).toEqual(["email", "id", "vip"]);
    expect((props.customer.properties as Record<string, JsonSchemaObject>).id).toEqual({ type: "integer" });
    expect(props.lines).toMatchObject({ type: "array", items: { type: "object", required: ["qty", "sku"] } });
    expect((props.lines.items as JsonSchemaObject).properties).toHaveProperty("giftWrap", { type: "boolean" });
  });

  it("lists several types where they differ, and an enum for a small set that repeats", () => {
    const props = schema.properties as Record<string, JsonSchemaObject>;
    expect(props.coupon).toEqual({ type: ["string", "null"] });
    expect(props.channel).toEqual({ type: "string", enum: ["store", "web"] });
    expect((props.order.properties as Record<string, JsonSchemaObject>).currency).toEqual({ type: "string", enum: ["EUR", "USD"] });
    // Four distinct e-mails in four samples are not a closed set.
    expect((props.customer.properties as Record<string, JsonSchemaObject>).email).toEqual({ type: "string" });
    const mixed = inferSchema([{ v: 1 }, { v: "one" }, { v: { n: 1 } }, { v: [1] }]);
    expect((mixed.properties as Record<string, JsonSchemaObject>).v.type).toEqual(["object", "array", "string", "integer"]);
  });

  it("proposes an open object when nothing was seen", () => {
    expect(inferSchema([])).toEqual({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object" });
  });
});

describe("checkSchema", () => {
  it.each([
    ["not an object", [], ""],
    ["details that are not an object", { type: "array" }, "/type"],
    ["an unknown type", { type: "object", properties: { a: { type: "text" } } }, "/properties/a/type"],
    ["an unknown keyword (strict)", { type: "object", propertees: {} }, ""],
    ["an external reference", { type: "object", properties: { a: { $ref: "https://example.com/s.json" } } }, "/properties/a/$ref"],
    ["an $id below the root", { type: "object", $defs: { m: { $id: "money", type: "number" } } }, "/$defs/m/$id"],
  ])("refuses %s, with a pointer into the schema", (_, schema, pointer) => {
    const errors = checkSchema(schema);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].pointer).toBe(pointer);
  });

  it("accepts a draft 2020-12 schema with formats, $defs and internal references", () => {
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      $defs: { money: { type: "object", properties: { amount: { type: "number" } }, required: ["amount"] } },
      properties: { email: { type: "string", format: "email" }, total: { $ref: "#/$defs/money" } },
    };
    expect(checkSchema(schema)).toEqual([]);
    expect(validateDetails("test", "test.check", 1, schema, { email: "nope", total: {} })).toEqual([
      { pointer: "/email", message: 'must match format "email"' },
      { pointer: "/total/amount", message: "is required" },
    ]);
  });
});

describe("compareSchemas", () => {
  const v1: JsonSchemaObject = {
    type: "object",
    properties: {
      id: { type: "string" },
      total: { type: "number" },
      status: { type: "string", enum: ["paid", "refunded"] },
      lines: { type: "array", items: { type: "object", properties: { sku: { type: "string" } }, required: ["sku"] } },
    },
    required: ["id", "total"],
  };
  const change = (edit: (s: JsonSchemaObject) => void) => {
    const next = structuredClone(v1);
    edit(next);
    return compareSchemas(v1, next);
  };
  const props = (s: JsonSchemaObject) => s.properties as Record<string, JsonSchemaObject>;

  it("calls an optional addition or a new description compatible", () => {
    expect(change((s) => (props(s).note = { type: "string" }))).toEqual({
      compatibility: "compatible",
      changes: [{ path: "details.note", breaking: false, message: "details.note was added (optional)" }],
    });
    expect(change((s) => (props(s).id.description = "The order id"))).toEqual({ compatibility: "compatible", changes: [] });
    expect(change((s) => (props(s).status.enum = ["paid"])).compatibility).toBe("compatible");
  });

  it.each([
    ["a removed field", (s: JsonSchemaObject) => delete props(s).total, "details.total was removed"],
    ["a retyped field", (s: JsonSchemaObject) => (props(s).total = { type: "string" }), "details.total changed type from number to string"],
    [
      "a new required field",
      (s: JsonSchemaObject) => ((props(s).currency = { type: "string" }), (s.required as string[]).push("currency")),
      "details.currency was added as required",
    ],
    ["an optional field made required", (s: JsonSchemaObject) => (s.required as string[]).push("status"), "details.status became required"],
    ["a required field made optional", (s: JsonSchemaObject) => (s.required = ["id"]), "details.total is no longer required"],
    [
      "an enum with a new value",
      (s: JsonSchemaObject) => (props(s).status.enum = ["paid", "refunded", "disputed"]),
      'details.status may now also be "disputed"',
    ],
    [
      "a retyped field inside array items",
      (s: JsonSchemaObject) => (props(props(s).lines.items as JsonSchemaObject).sku = { type: "integer" }),
      "details.lines[].sku changed type from string to integer",
    ],
  ])("calls %s breaking", (_, edit, message) => {
    const result = change(edit);
    expect(result.compatibility).toBe("breaking");
    expect(result.changes.filter((c) => c.breaking).map((c) => c.message)).toContain(message);
  });
});

describe("schemaPaths and schemaAllowsPath", () => {
  const schema = inferSchema(orders);

  it("lists the declared places with their types, depth and whether they are required", () => {
    const paths = schemaPaths(schema);
    expect(paths.find((p) => p.path === "details.order.total")).toMatchObject({ depth: 2, types: ["number"], required: true });
    expect(paths.find((p) => p.path === "details.customer.note")).toMatchObject({ required: false });
    expect(paths.find((p) => p.path === "details.lines[].sku")).toMatchObject({ depth: 3, types: ["string"] });
    expect(paths.find((p) => p.path === "details.channel")?.enum).toEqual(["store", "web"]);
  });

  it("refuses a path through a scalar or a closed object, allows one the schema leaves open", () => {
    expect(schemaAllowsPath(schema, ["order", "total"])).toBe(true);
    expect(schemaAllowsPath(schema, ["order", "total", "cents"])).toBe(false);
    expect(schemaAllowsPath(schema, ["order", "discount"])).toBe(true);
    expect(schemaAllowsPath({ ...schema, additionalProperties: false }, ["shipping"])).toBe(false);
  });
});
