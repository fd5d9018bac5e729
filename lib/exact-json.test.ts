import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseJsonExactly } from "./exact-json";

function refusal(text: string) {
  try {
    parseJsonExactly(text);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
  throw new Error(`accepted ${text}`);
}

describe("parseJsonExactly", () => {
  it("takes every number whose value survives, as JSON.parse does", () => {
    const text = '{"a":1,"b":1.0,"c":1e2,"d":0.1,"e":-2.5e-3,"f":9007199254740991,"g":1e21,"h":0,"i":5e-324,"j":1.7976931348623157e308}';
    expect(parseJsonExactly(text)).toEqual(JSON.parse(text));
    expect(parseJsonExactly('[1, {"x": [2.50]}]')).toEqual([1, { x: [2.5] }]);
  });

  it.each([
    ["12345678901234567890", "more significant digits"],
    ["9007199254740993", "more significant digits"],
    ["0.1000000000000000055511151231257827", "more significant digits"],
    ["1e-400", "too small to keep"],
    ["-0", "would become 0"],
    ["-0.0e5", "would become 0"],
    ["1e309", "beyond the range"],
    ["-1e309", "beyond the range"],
  ])("refuses %s with its path", (number, why) => {
    const r = refusal(`{"type":"a.b","details":{"list":[1,{"n":${number}}]}}`);
    expect(r.code).toBe("validation_failed");
    expect(r.fieldErrors?.details?.[0]).toContain(`details.list.1.n: ${number} `);
    expect(r.fieldErrors?.details?.[0]).toContain(why);
    expect(r.message).toBe(r.fieldErrors?.details?.[0]);
  });

  it("names the body when the number is the whole of it", () => {
    expect(refusal("1e309").message).toMatch(/^The body: 1e309 is beyond/);
  });

  it("keeps __proto__ as a plain key, as JSON.parse does", () => {
    const value = parseJsonExactly('{"__proto__":{"x":1},"a":{"__proto__":2}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__", "a"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it("leaves syntax errors to the caller", () => {
    expect(() => parseJsonExactly("{")).toThrow(SyntaxError);
  });
});
