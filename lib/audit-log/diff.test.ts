import { describe, expect, it } from "vitest";
import { diffValues } from "./diff";

describe("diffValues", () => {
  it("lists keys added, removed and changed, following nested objects", () => {
    const before = {
      name: "Shop",
      url: "https://a.example",
      timeoutSeconds: 10,
      token: "set",
      tags: ["a"],
      webhook: { enabled: true, retries: 1 },
    };
    const after = {
      name: "Shop",
      url: "https://b.example",
      timeoutSeconds: 10,
      description: "new",
      tags: ["a", "b"],
      webhook: { enabled: false, retries: 1 },
    };
    expect(diffValues(before, after)).toEqual([
      { path: "url", kind: "changed", before: "https://a.example", after: "https://b.example" },
      { path: "token", kind: "removed", before: "set" },
      { path: "tags", kind: "changed", before: ["a"], after: ["a", "b"] },
      { path: "webhook.enabled", kind: "changed", before: true, after: false },
      { path: "description", kind: "added", after: "new" },
    ]);
  });

  it("a creation is all additions, a deletion all removals, nothing for equal values", () => {
    expect(diffValues(null, { name: "x", enabled: true })).toEqual([
      { path: "name", kind: "added", after: "x" },
      { path: "enabled", kind: "added", after: true },
    ]);
    expect(diffValues({ name: "x" }, null)).toEqual([{ path: "name", kind: "removed", before: "x" }]);
    expect(diffValues({ a: { b: 1 } }, { a: { b: 1 } })).toEqual([]);
    expect(diffValues(null, null)).toEqual([]);
  });
});
