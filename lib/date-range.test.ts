import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { exportAuditLog } from "@/lib/audit-log/export-audit-log";
import { listAuditLog } from "@/lib/audit-log/list-audit-log";
import type { Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { listEvents } from "@/lib/events/list-events";
import { countExecutions } from "@/lib/executions/count-executions";
import { exportExecutions } from "@/lib/executions/export-executions";
import { listExecutions } from "@/lib/executions/list-executions";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { makeUser } from "@/lib/testing/factories";
import { newMessageId } from "@/lib/webhooks/signing";
import { DEFAULT_WORKSPACE_ID } from "@/lib/workspaces/scope";

// One row of each list at 2025-05-01 23:30 UTC, and one at 2025-05-02 00:00 UTC.
const LATE = new Date("2025-05-01T23:30:00Z");
const NEXT_DAY = new Date("2025-05-02T00:00:00Z");
const tag = randomUUID().slice(0, 8);
let admin: Ctx;

beforeAll(async () => {
  ({ ctx: admin } = await makeUser("admin"));
  for (const at of [LATE, NEXT_DAY]) {
    await db.event.create({ data: { type: `range${tag}.happened`, title: `Range ${tag}`, severity: "info", source: tag, occurredAt: at } });
    const messageId = newMessageId();
    await db.message.create({ data: { id: messageId, integrationName: tag, mode: "default", body: "" } });
    await db.attempt.create({
      data: {
        messageId,
        integrationName: tag,
        mode: "default",
        kind: "test",
        status: "succeeded",
        timeoutSeconds: 5,
        requestUrl: "https://hooks.example/",
        requestHeaders: {},
        requestBody: "",
        triggeredById: admin.actor.id,
        startedAt: at,
        finishedAt: at,
      },
    });
    await db.auditLog.create({ data: { workspaceId: DEFAULT_WORKSPACE_ID, action: `range.${tag}`, createdAt: at } });
  }
});

/** The timestamps each list answers for a range. */
const lists = {
  events: async (range: Record<string, string>) =>
    (await listEvents({ ctx: admin, query: { source: tag, ...range } })).data.map((e) => e.occurredAt.toISOString()),
  executions: async (range: Record<string, string>) =>
    (await listExecutions({ ctx: admin, query: { triggeredBy: admin.actor.id, ...range } })).data.map((a) => a.startedAt.toISOString()),
  "audit log": async (range: Record<string, string>) =>
    (await listAuditLog({ ctx: admin, query: { action: `range.${tag}`, ...range } })).data.map((a) => a.createdAt.toISOString()),
};

describe("one contract for date ranges", () => {
  for (const [name, list] of Object.entries(lists)) {
    it(`${name}: a date as 'to' includes that whole day, a timestamp is exclusive, a date as 'from' starts the day`, async () => {
      expect(await list({ from: "2025-05-01", to: "2025-05-01" })).toEqual([LATE.toISOString()]);
      expect(await list({ to: "2025-05-01T23:30:00Z" })).toEqual([]);
      expect(await list({ to: "2025-05-01T23:30:00.001Z" })).toEqual([LATE.toISOString()]);
      expect(await list({ from: "2025-05-02" })).toEqual([NEXT_DAY.toISOString()]);
      expect(await list({ from: "2025-05-01T23:30:00Z", to: "2025-05-02" })).toEqual([NEXT_DAY.toISOString(), LATE.toISOString()]);
    });

    it(`${name}: a range that ends before it starts is refused with a field error on 'to'`, async () => {
      await expect(list({ from: "2025-05-02", to: "2025-05-01" })).rejects.toSatisfy((e: unknown) => fieldErrorOnTo(e));
    });
  }

  it("counts and exports refuse a reversed range the same way", async () => {
    const reversed = { from: "2025-05-02", to: "2025-05-01" };
    await expect(countExecutions({ ctx: admin, query: reversed })).rejects.toSatisfy(fieldErrorOnTo);
    // An export may refuse before it returns its file.
    await expect(Promise.resolve().then(() => exportExecutions({ ctx: admin, query: { ...reversed, format: "csv" } }))).rejects.toSatisfy(
      fieldErrorOnTo,
    );
    await expect(Promise.resolve().then(() => exportAuditLog({ ctx: admin, query: { ...reversed, format: "csv" } }))).rejects.toSatisfy(
      fieldErrorOnTo,
    );
  });

  it("the API document says the same of 'from' and 'to' for every list", () => {
    const doc = buildOpenApiDocument("test");
    const described = (path: string, name: string) =>
      doc.paths[path.slice("/api/v1".length)].get!.parameters!.find((p) => p.name === name)?.description;
    for (const path of [
      "/api/v1/events",
      "/api/v1/executions",
      "/api/v1/audit-log",
      "/api/v1/executions/export",
      "/api/v1/audit-log/export",
    ]) {
      expect(described(path, "to"), path).toMatch(/includes that whole UTC day; an ISO 8601 timestamp is exclusive/);
      expect(described(path, "from"), path).toMatch(/inclusive/);
    }
    expect(doc.info.description).toContain("`from` is inclusive and `to` exclusive");
  });
});

/** A validation error (the verb's own, or zod's from the schema) that names `to`. */
function fieldErrorOnTo(error: unknown): boolean {
  const e = error as { code?: string; fieldErrors?: Record<string, unknown>; issues?: { path: PropertyKey[] }[] };
  return (e.code === "validation_failed" && Boolean(e.fieldErrors?.to)) || Boolean(e.issues?.some((i) => i.path[0] === "to"));
}
