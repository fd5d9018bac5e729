import { describe, expect, it } from "vitest";
import { fairPriority, PRIORITY } from "./fairness";

describe("fairPriority", () => {
  it("keeps a workspace at its steady pace at the normal priority, and lowers a burst's", () => {
    const t0 = 1_000_000;
    // 20 deliveries a second for a minute: steady.
    for (let s = 0; s < 60; s++) expect(fairPriority("steady", 20, t0 + s * 1000)).toBe(PRIORITY.normal);
    // 10,000 deliveries in ten seconds: the first few hundred normal, then busy, then heavy.
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(fairPriority("burst", 1, t0 + 60_000 + i));
    expect([...seen].sort()).toEqual([PRIORITY.heavy, PRIORITY.busy, PRIORITY.normal].sort());
    expect(fairPriority("burst", 1, t0 + 70_000)).toBe(PRIORITY.heavy);
    // The other workspace is not affected by the burst.
    expect(fairPriority("steady", 20, t0 + 70_000)).toBe(PRIORITY.normal);
    // A minute later the burst is forgotten.
    expect(fairPriority("burst", 1, t0 + 130_000)).toBe(PRIORITY.normal);
  });
});
