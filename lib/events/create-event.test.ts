import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { toErrorBody } from "@/lib/errors";
import { auditRowsFor, makeUser } from "@/lib/testing/factories";
import { createEvent } from "./create-event";
import { getEvent } from "./get-event";
import type { CreateEventInput } from "./schemas";

const valid: CreateEventInput = {
  type: "incident.opened",
  title: "Checkout latency above 2 s",
  severity: "high",
  source: "test-monitoring",
};

describe("createEvent", () => {
  it("stores the event with its details and audits it in the same transaction", async () => {
    const { ctx } = await makeUser("admin");
    const details = { region: "eu-west-1", checks: [{ name: "p95", valueMs: 2310 }], resolved: false, owner: null };
    const event = await createEvent({ ctx, input: { ...valid, occurredAt: "2025-03-01T10:00:00+01:00", details } });
    expect(event).toMatchObject({ ...valid, occurredAt: new Date("2025-03-01T09:00:00Z"), details });
    const audit = await auditRowsFor(event.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "event.created",
      actorId: ctx.actor.id,
      targetType: "event",
      targetLabel: valid.title,
      after: { type: "incident.opened", severity: "high", source: "test-monitoring" },
    });
  });

  it("uses the time of receipt when occurredAt is absent and {} when details are absent", async () => {
    const { ctx } = await makeUser("admin");
    const before = Date.now();
    const event = await createEvent({ ctx, input: valid });
    expect(event.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(event.details).toEqual({});
  });

  it.each([
    ["a type that is not dot-separated lowercase", { type: "Incident Opened" }, "type"],
    ["a type with an empty segment", { type: "incident..opened" }, "type"],
    ["a type of a single segment", { type: "incident" }, "type"],
    ["an unknown severity", { severity: "urgent" }, "severity"],
    ["details that are an array", { details: [1, 2] }, "details"],
    ["details that are a string", { details: "oops" }, "details"],
    ["details nested too deeply", { details: nested(40) }, "details"],
    ["an empty title", { title: "  " }, "title"],
    ["an occurredAt that is not a timestamp", { occurredAt: "yesterday" }, "occurredAt"],
    ["an occurredAt far in the future", { occurredAt: "2999-01-01T00:00:00Z" }, "occurredAt"],
  ])("refuses %s with a field error", async (_, change, field) => {
    const { ctx } = await makeUser("admin");
    const input = { ...valid, ...change } as CreateEventInput;
    const { status, body } = toErrorBody(await createEvent({ ctx, input }).catch((e: unknown) => e));
    expect(status).toBe(422);
    expect(body.code).toBe("validation_failed");
    expect(Object.keys(body.fieldErrors ?? {})).toEqual([field]);
  });

  it("refuses details over 256 KiB as too large, and accepts them at the limit", async () => {
    const { ctx } = await makeUser("admin");
    const atLimit = { blob: "x".repeat(256 * 1024 - '{"blob":""}'.length) };
    await expect(createEvent({ ctx, input: { ...valid, details: atLimit } })).resolves.toMatchObject({ details: atLimit });
    const over = { blob: `${atLimit.blob}x` };
    await expect(createEvent({ ctx, input: { ...valid, title: "too large", details: over } })).rejects.toMatchObject({
      code: "payload_too_large",
      fieldErrors: { details: ["At most 256 KiB"] },
    });
    expect(await db.event.count({ where: { title: "too large" } })).toBe(0);
  });

  it("refuses a __proto__ key anywhere in details with its path, rather than dropping it", async () => {
    const { ctx } = await makeUser("admin");
    for (const [json, path] of [
      ['{"__proto__":{"x":1},"a":1}', "details.__proto__"],
      ['{"a":{"b":[{"__proto__":2}]}}', "details.a.b.0.__proto__"],
    ]) {
      const error = await createEvent({ ctx, input: { ...valid, details: JSON.parse(json) } }).catch((e: unknown) => e);
      expect(toErrorBody(error).body.fieldErrors?.details?.[0], json).toContain(`${path}: rename this key`);
    }
    // Other names that mean something to JavaScript are plain data.
    const kept = await createEvent({ ctx, input: { ...valid, details: JSON.parse('{"constructor":{"prototype":1},"toString":"x"}') } });
    expect((await getEvent({ ctx, id: kept.id })).details).toEqual({ constructor: { prototype: 1 }, toString: "x" });
  });

  it.each([
    ["title", "Deploy done\r\nSeverity: low", "U+000D"],
    ["title", "Bell\u0007", "U+0007"],
    ["title", "Invoice \u202Egpj.exe", "U+202E"],
    ["title", "Pay\u200Bment", "U+200B"],
    ["source", "moni\u2066toring", "U+2066"],
    ["source", "tab\there", "U+0009"],
  ])("refuses a %s holding %j (%s) as not a single line", async (field, value, codePoint) => {
    const { ctx } = await makeUser("admin");
    const error = await createEvent({ ctx, input: { ...valid, [field]: value } }).catch((e: unknown) => e);
    expect(toErrorBody(error).body.fieldErrors?.[field]?.[0]).toContain(codePoint);
  });

  it("keeps ordinary one-line text: trailing line breaks trimmed, emoji sequences with joiners kept", async () => {
    const { ctx } = await makeUser("admin");
    const event = await createEvent({ ctx, input: { ...valid, title: "Family 👨\u200d👩\u200d👧 call, مرحبا\n", source: "Zürich" } });
    expect(event.title).toBe("Family 👨\u200d👩\u200d👧 call, مرحبا");
  });

  it("is refused to users who are not admins, and writes nothing", async () => {
    for (const role of ["reader", "trigger"] as const) {
      const { ctx } = await makeUser(role);
      const title = `refused for ${role} ${ctx.actor.id}`;
      await expect(createEvent({ ctx, input: { ...valid, title } })).rejects.toMatchObject({ code: "forbidden" });
      expect(await db.event.count({ where: { title } })).toBe(0);
    }
  });
});

describe("getEvent", () => {
  it("returns the event to any signed-in user", async () => {
    const { ctx: admin } = await makeUser("admin");
    const { ctx: reader } = await makeUser("reader");
    const { deliveriesQueued, deliveriesSkipped, ...event } = await createEvent({ ctx: admin, input: { ...valid, details: { a: 1 } } });
    expect({ deliveriesQueued, deliveriesSkipped }).toEqual({ deliveriesQueued: 0, deliveriesSkipped: 0 });
    await expect(getEvent({ ctx: reader, id: event.id.toUpperCase() })).resolves.toEqual(event);
  });

  it("answers not found for a malformed or unknown id", async () => {
    const { ctx } = await makeUser("reader");
    await expect(getEvent({ ctx, id: "nope" })).rejects.toMatchObject({ code: "not_found" });
    await expect(getEvent({ ctx, id: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "not_found" });
  });
});

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 1; i < depth; i++) value = { child: value };
  return value;
}
