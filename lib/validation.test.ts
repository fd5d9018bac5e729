// Hostile input refused by the shared schemas before it reaches PostgreSQL (each used to be a 500).
import { describe, expect, it } from "vitest";
import { listAuditLogQuery, exportAuditLogQuery } from "@/lib/audit-log/schemas";
import { createEventInput, listEventsQuery } from "@/lib/events/schemas";
import { listExecutionsQuery } from "@/lib/executions/schemas";
import { createIntegrationInput, listIntegrationsQuery, webhookConfigInput } from "@/lib/integrations/schemas";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import { createTokenInput } from "@/lib/tokens/schemas";
import { createUserInput, updateUserInput } from "@/lib/users/schemas";
import { isStorableJson } from "./validation";

const HOSTILE_TEXT = ["a\0b", "a\ud800b", "\udc00", "x\u0000"];
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("text PostgreSQL cannot store is a validation error", () => {
  const event = { type: "order.failed", title: "t", severity: "high", source: "shop" };
  const cases: [string, (value: string) => { success: boolean }][] = [
    ["integration name", (v) => createIntegrationInput.safeParse({ name: v, platform: "custom" })],
    ["integration description", (v) => createIntegrationInput.safeParse({ name: "n", platform: "custom", description: v })],
    ["integrations q", (v) => listIntegrationsQuery.safeParse({ q: v })],
    ["webhook description", (v) => webhookConfigInput.safeParse({ url: "https://example.com/", enabled: true, description: v })],
    ["event title", (v) => createEventInput.safeParse({ ...event, title: v })],
    ["event source", (v) => createEventInput.safeParse({ ...event, source: v })],
    ["event details value", (v) => createEventInput.safeParse({ ...event, details: { note: [v] } })],
    ["event details key", (v) => createEventInput.safeParse({ ...event, details: { [v]: 1 } })],
    ["events q", (v) => listEventsQuery.safeParse({ q: `abc${v}` })],
    ["events source", (v) => listEventsQuery.safeParse({ source: v })],
    ["audit action", (v) => listAuditLogQuery.safeParse({ action: v })],
    ["audit export action", (v) => exportAuditLogQuery.safeParse({ action: v, format: "csv" })],
    ["audit target", (v) => listAuditLogQuery.safeParse({ targetType: v, targetId: v })],
    ["token name", (v) => createTokenInput.safeParse({ name: v })],
    ["user name", (v) => createUserInput.safeParse({ email: "a@example.com", name: v })],
    ["user name update", (v) => updateUserInput.safeParse({ name: v })],
    ["cursor", (v) => listExecutionsQuery.safeParse({ cursor: v })],
  ];
  for (const [field, parse] of cases) {
    it(field, () => {
      for (const value of HOSTILE_TEXT) expect(parse(value).success, JSON.stringify(value)).toBe(false);
    });
  }

  it("isStorableJson looks at any depth", () => {
    let deep: unknown = "a\0";
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(isStorableJson(deep)).toBe(false);
    expect(isStorableJson({ ok: ["fine", { ü: "✓" }] })).toBe(true);
  });
});

describe("dates outside years 1 to 9999", () => {
  it("are refused as filters and as occurredAt", () => {
    for (const from of ["0000-01-01", "0000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z"]) {
      expect(listExecutionsQuery.safeParse({ from }).success, from).toBe(false);
      expect(listAuditLogQuery.safeParse({ from }).success, from).toBe(false);
      expect(listEventsQuery.safeParse({ from }).success, from).toBe(false);
    }
    expect(
      createEventInput.safeParse({ type: "a.b", title: "t", severity: "low", source: "s", occurredAt: "0000-01-01T00:00:00Z" }).success,
    ).toBe(false);
  });

  it("9999-12-31 as the end of a range is fine", () => {
    expect(listExecutionsQuery.parse({ to: "9999-12-31" }).to).toEqual(new Date("9999-12-31T23:59:59.999Z"));
    expect(listEventsQuery.parse({ to: "9999-12-31" }).to).toEqual(new Date("9999-12-31T23:59:59.999Z"));
  });
});

describe("decodeCursor", () => {
  it("reads what encodeCursor wrote", () => {
    const position = { at: new Date("2026-11-01T10:00:00Z"), id: "0190a0b0-0000-7000-8000-000000000001" };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ["not base64 JSON", "%%%"],
    ["a non-uuid id", cursorOf(["2026-11-01T10:00:00.000Z", "1; DROP TABLE"])],
    ["year +275760", cursorOf(["+275760-09-13T00:00:00.000Z", "0190a0b0-0000-7000-8000-000000000001"])],
    ["year 0000", cursorOf(["0000-01-01T00:00:00.000Z", "0190a0b0-0000-7000-8000-000000000001"])],
    ["a number for a date", cursorOf([0, "0190a0b0-0000-7000-8000-000000000001"])],
    ["an object", cursorOf({ at: 1 })],
    ["null", cursorOf(null)],
  ])("refuses %s with a validation error", (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });
});
