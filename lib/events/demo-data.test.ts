import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemoEvents } from "./demo-data";
import { createEventInput } from "./schemas";

describe("seedDemoEvents", () => {
  it("fills an empty portal with valid demo events of the last 14 days, once", async () => {
    // Files run one after another: the rows of earlier files are not needed any more.
    await db.event.deleteMany();
    const now = new Date();
    const added = await seedDemoEvents(db, now);
    expect(added).toBeGreaterThanOrEqual(30);
    expect(await seedDemoEvents(db, now)).toBe(0);

    const events = await db.event.findMany();
    expect(events).toHaveLength(added);
    for (const event of events) {
      expect(() => createEventInput.parse(event)).not.toThrow();
      expect(event.source).toMatch(/^demo-/);
      expect(now.getTime() - event.occurredAt.getTime()).toBeLessThan(14 * 24 * 3600_000);
    }
    expect(new Set(events.map((e) => e.type)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(events.map((e) => e.severity))).toEqual(new Set(["info", "low", "medium", "high", "critical"]));
  });
});
