import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { makeUser } from "@/lib/testing/factories";
import { asSystem, DEFAULT_WORKSPACE_ID } from "@/lib/workspaces/scope";
import { exportExecutions } from "./export-executions";
import { listExecutions } from "./list-executions";
import { purgeExpiredExecutions } from "./purge-expired";
import { getSuccessRates } from "./success-rate";

let reader: Awaited<ReturnType<typeof makeUser>>;
let triggerer: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  reader = await makeUser("reader");
  triggerer = await makeUser("trigger");
});

const T0 = new Date("2026-03-01T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** Attempts written straight to the table (one message each unless given), for list and purge checks. */
async function seed(rows: Partial<Prisma.AttemptUncheckedCreateInput>[], integrationId: string = randomUUID()) {
  const data = rows
    .map((row) => ({
      integrationId,
      integrationName: "Seeded",
      mode: "default",
      kind: "initial",
      status: "succeeded",
      timeoutSeconds: 5,
      requestUrl: "https://hooks.example/in",
      requestBody: "",
      responseStatus: 200,
      responseHeaders: {},
      responseBody: "ok",
      startedAt: T0,
      ...row,
      messageId: row.messageId ?? `msg_${randomUUID()}`,
    }))
    .map((a) => ({ finishedAt: ["queued", "scheduled", "pending"].includes(a.status) ? null : a.startedAt, ...a }));
  await db.message.createMany({
    data: data.map((a) => ({ id: a.messageId, integrationId, integrationName: "Seeded", mode: a.mode, body: "", createdAt: a.startedAt })),
    skipDuplicates: true,
  });
  return db.attempt.createManyAndReturn({
    data: data.map((a) => ({ requestHeaders: { authorization: "Bearer ••••qx9z", "webhook-id": a.messageId }, ...a })),
  });
}

async function allPages(query: Record<string, string>, limit = 3) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listExecutions({ ctx: reader.ctx, query: { ...query, limit, cursor } });
    ids.push(...page.data.map((a) => a.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe("listExecutions", () => {
  it("filters by integration, status, mode, kind, who, event and time range", async () => {
    const integrationId = randomUUID();
    const eventId = randomUUID();
    const [a, b, c, d, e] = await seed(
      [
        { startedAt: at(1) },
        { startedAt: at(2), status: "failed", responseStatus: 500 },
        { startedAt: at(3), mode: "event", eventId },
        { startedAt: at(4), kind: "manual_retry", triggeredById: triggerer.user.id, triggeredByEmail: triggerer.user.email },
        { startedAt: at(5), kind: "test", mode: "test", status: "pending" },
      ],
      integrationId,
    );
    const ids = async (q: Record<string, string>) =>
      (await listExecutions({ ctx: reader.ctx, query: { integrationId, ...q } })).data.map((x) => x.id);
    expect(await ids({})).toEqual([e.id, d.id, c.id, b.id, a.id]);
    expect(await ids({ status: "failed" })).toEqual([b.id]);
    expect(await ids({ mode: "event" })).toEqual([c.id]);
    expect(await ids({ eventId })).toEqual([c.id]);
    expect(await ids({ kind: "manual_retry" })).toEqual([d.id]);
    expect(await ids({ triggeredBy: triggerer.user.id })).toEqual([d.id]);
    expect(await ids({ kind: "test", status: "pending" })).toEqual([e.id]);
    expect(await ids({ from: at(2).toISOString(), to: at(4).toISOString() })).toEqual([c.id, b.id]);
    expect(await ids({ status: "interrupted" })).toEqual([]);
    await expect(listExecutions({ ctx: reader.ctx, query: { status: "lost" as "failed" } })).rejects.toMatchObject({ name: "ZodError" });
    await expect(listExecutions({ ctx: reader.ctx, query: { cursor: "nonsense" } })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("pages through equal timestamps in a stable order, without duplicates or gaps while new rows arrive", async () => {
    const integrationId = randomUUID();
    const rows = await seed(
      Array.from({ length: 10 }, (_, i) => ({ startedAt: at(i < 7 ? 10 : 9) })),
      integrationId,
    );
    const expected = [...rows].sort((x, y) => y.startedAt.getTime() - x.startedAt.getTime() || (y.id > x.id ? 1 : -1)).map((r) => r.id);

    const first = await listExecutions({ ctx: reader.ctx, query: { integrationId, limit: 4 } });
    await seed([{ startedAt: at(10) }, { startedAt: at(11) }], integrationId); // newer rows arrive meanwhile
    const rest = await allPagesFrom(integrationId, first.nextCursor!);
    const seen = [...first.data.map((a) => a.id), ...rest];
    expect(seen.filter((id) => expected.includes(id))).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(await allPages({ integrationId }, 4)).toHaveLength(12);
  });

  it("lists no bodies or headers", async () => {
    const [row] = await seed([{ startedAt: at(30) }]);
    const { data } = await listExecutions({ ctx: reader.ctx, query: { integrationId: row.integrationId! } });
    expect(data[0]).not.toHaveProperty("request");
    expect(JSON.stringify(data)).not.toContain("qx9z");
  });
});

async function allPagesFrom(integrationId: string, cursor: string) {
  const ids: string[] = [];
  for (let next: string | null = cursor; next;) {
    const page = await listExecutions({ ctx: reader.ctx, query: { integrationId, limit: 4, cursor: next } });
    ids.push(...page.data.map((a) => a.id));
    next = page.nextCursor;
  }
  return ids;
}

const read = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("exportExecutions", () => {
  it("streams CSV with quoting, neutralised formulas and no authorization, across batches", async () => {
    const integrationId = randomUUID();
    await seed(
      [
        { startedAt: at(40), status: "failed", errorClass: "http_error", errorMessage: 'He said "no", then\nleft' },
        { startedAt: at(41), status: "failed", errorClass: "http_error", errorMessage: '=HYPERLINK("http://evil")' },
        ...Array.from({ length: 1500 }, () => ({ startedAt: at(39) })),
      ],
      integrationId,
    );
    const file = exportExecutions({ ctx: reader.ctx, query: { integrationId, format: "csv" } });
    expect(file.filename).toMatch(/^executions-\d{8}-\d{6}\.csv$/);
    const text = await read(file.body);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(
      "id,startedAt,finishedAt,integrationId,integrationName,mode,eventId,kind,status,httpStatus,durationMs,errorClass,errorMessage,triggeredById,triggeredByEmail,messageId,retryOfId,url,triggeredByToken",
    );
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain(`"He said ""no"", then\nleft"`);
    expect(text.match(/\r\n/g)).toHaveLength(1 + 1502);
    expect(text).not.toMatch(/authorization|qx9z/i);
  }, 60_000);

  it("streams JSON Lines with headers and bodies but no authorization header", async () => {
    const integrationId = randomUUID();
    await seed([{ startedAt: at(50), requestBody: '{"a":1}' }, { startedAt: at(51) }], integrationId);
    const text = await read(exportExecutions({ ctx: reader.ctx, query: { integrationId, format: "jsonl" } }).body);
    const records = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { startedAt: string; request: { headers: Record<string, string>; body: string } });
    expect(records.map((r) => r.startedAt)).toEqual([at(51).toISOString(), at(50).toISOString()]);
    expect(records[1].request).toMatchObject({ body: '{"a":1}', headers: { "webhook-id": expect.any(String) } });
    expect(text).not.toMatch(/authorization|qx9z/i);
  });

  it("refuses a wrong format", () => {
    expect(() => exportExecutions({ ctx: reader.ctx, query: { format: "xlsx" as "csv" } })).toThrow();
  });
});

describe("getSuccessRates", () => {
  it("counts finished deliveries per window, without test sends or pending attempts", async () => {
    const integrationId = randomUUID();
    // The rates are of an integration of the caller's workspace: any other id has none.
    await db.integration.create({ data: { id: integrationId, name: "Rated", slug: `rated-${integrationId}`, platform: "custom" } });
    const now = new Date("2026-05-10T00:00:00Z");
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    await seed(
      [
        { startedAt: hoursAgo(1) },
        { startedAt: hoursAgo(2), status: "failed" },
        { startedAt: hoursAgo(3), kind: "manual_retry" },
        { startedAt: hoursAgo(4), kind: "test", status: "failed" },
        { startedAt: hoursAgo(5), status: "pending" },
        { startedAt: hoursAgo(48), status: "interrupted" },
        { startedAt: hoursAgo(100) },
        { startedAt: hoursAgo(200) }, // older than 7 days
      ],
      integrationId,
    );
    expect(await getSuccessRates({ ctx: reader.ctx, integrationId, now })).toEqual({
      last24Hours: { succeeded: 2, finished: 3, rate: 2 / 3 },
      last7Days: { succeeded: 3, finished: 5, rate: 3 / 5 },
    });
    expect(await getSuccessRates({ ctx: reader.ctx, integrationId: randomUUID(), now })).toEqual({
      last24Hours: { succeeded: 0, finished: 0, rate: null },
      last7Days: { succeeded: 0, finished: 0, rate: null },
    });
  });
});

describe("purgeExpiredExecutions", () => {
  it("removes expired attempts in batches, then messages left without attempts, and audits the run once", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const old = new Date("2029-09-01T00:00:00Z"); // > 90 days before
    const shared = `msg_${randomUUID()}`;
    const integrationId = randomUUID();
    const expired = await seed(
      Array.from({ length: 25 }, () => ({ startedAt: old })),
      integrationId,
    );
    // A message with an expired first attempt and a recent retry keeps its message.
    await seed(
      [
        { startedAt: old, messageId: shared },
        { startedAt: new Date("2029-12-30T00:00:00Z"), messageId: shared, kind: "manual_retry" },
      ],
      integrationId,
    );
    const purged = { action: "executions.retention_purged", workspaceId: DEFAULT_WORKSPACE_ID };
    const auditsBefore = await db.auditLog.count({ where: purged });

    const report = await purgeExpiredExecutions({ now, retentionDays: 90, batchSize: 10 });
    expect(report).toMatchObject({ attempts: expect.any(Number), messages: expect.any(Number) });
    expect(report.attempts).toBeGreaterThanOrEqual(26);
    expect(await db.attempt.count({ where: { integrationId } })).toBe(1);
    expect(await db.message.count({ where: { id: { in: expired.map((a) => a.messageId) } } })).toBe(0);
    expect(await db.message.count({ where: { id: shared } })).toBe(1);

    // One entry for the run in each workspace that lost history (here: the default one).
    const audits = await db.auditLog.findMany({ where: purged, orderBy: { createdAt: "desc" } });
    expect(audits).toHaveLength(auditsBefore + 1);
    expect(audits[0]).toMatchObject({ actorId: null, after: { retentionDays: 90 } });
    expect((audits[0].after as { attempts: number }).attempts).toBeGreaterThanOrEqual(26);

    expect(await purgeExpiredExecutions({ now, retentionDays: 90, batchSize: 10 })).toMatchObject({ attempts: 0, messages: 0 });
    expect(await db.auditLog.count({ where: purged })).toBe(auditsBefore + 1);
  });

  it("keeps each workspace's history as long as its plan says (historyDays), the others' by the portal's setting", async () => {
    const now = new Date();
    const tenDaysAgo = new Date(now.getTime() - 10 * 86_400_000);
    // The Free plan keeps 7 days of history (the workspaces migration); the default plan sets none.
    const FREE_PLAN_ID = "00000000-0000-4000-8000-0000000000a1";
    const free = await db.workspace.create({ data: { name: "Free", slug: `free-${randomUUID().slice(0, 8)}`, planId: FREE_PLAN_ID } });
    const [inFree, inDefault] = [randomUUID(), randomUUID()];
    await asSystem(async () => {
      for (const [integrationId, workspaceId] of [
        [inFree, free.id],
        [inDefault, DEFAULT_WORKSPACE_ID],
      ]) {
        const messageId = `msg_${randomUUID()}`;
        await db.message.create({
          data: { id: messageId, workspaceId, integrationId, integrationName: "Kept?", mode: "default", body: "" },
        });
        await db.attempt.create({
          data: {
            workspaceId,
            messageId,
            integrationId,
            integrationName: "Kept?",
            mode: "default",
            kind: "initial",
            status: "succeeded",
            timeoutSeconds: 5,
            requestUrl: "https://hooks.example/in",
            requestHeaders: {},
            startedAt: tenDaysAgo,
            finishedAt: tenDaysAgo,
          },
        });
      }
    });

    await purgeExpiredExecutions({ now, retentionDays: 90 });
    const left = await asSystem(async () => await db.attempt.findMany({ where: { integrationId: { in: [inFree, inDefault] } } }));
    expect(left.map((x) => x.integrationId)).toEqual([inDefault]);
    const audit = await asSystem(
      async () => await db.auditLog.findFirstOrThrow({ where: { action: "executions.retention_purged", workspaceId: free.id } }),
    );
    expect(audit.after).toMatchObject({ attempts: 1, messages: 1, retentionDays: 7 });
    await asSystem(async () => await db.workspace.delete({ where: { id: free.id } }));
  });
});
