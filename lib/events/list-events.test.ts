import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { makeUser } from "@/lib/testing/factories";
import { listEvents } from "./list-events";
import { listEventsQuery, type EventSummary } from "./schemas";

let reader: Ctx;
/** Each test writes events of its own source, so it sees only its own rows. */
const newSource = () => `test-${randomUUID()}`;

beforeAll(async () => {
  ({ ctx: reader } = await makeUser("reader"));
});

const list = (query: Record<string, string>) => listEvents({ ctx: reader, query });

async function insert(source: string, rows: Partial<EventSummary>[]) {
  await db.event.createMany({
    data: rows.map((r, i) => ({
      type: "order.failed",
      title: `Event ${i}`,
      severity: "info",
      occurredAt: new Date("2025-05-10T12:00:00Z"),
      ...r,
      source,
    })),
  });
}

async function listAll(query: Record<string, string>) {
  const seen: EventSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = await list({ ...query, ...(cursor && { cursor }) });
    seen.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

describe("listEvents", () => {
  it("lists newest first and pages without duplicates or gaps when timestamps are equal", async () => {
    const source = newSource();
    const same = new Date("2025-05-10T12:00:00Z");
    await insert(source, [
      ...Array.from({ length: 7 }, () => ({ occurredAt: same })),
      { occurredAt: new Date("2025-05-11T00:00:00Z") },
      { occurredAt: new Date("2025-05-09T00:00:00Z") },
    ]);
    const all = await db.event.findMany({ where: { source }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], select: { id: true } });
    for (const limit of ["1", "2", "3", "4"]) {
      const paged = await listAll({ source, limit });
      expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    }
    expect(all).toHaveLength(9);
  });

  it("filters by type, severity, source and occurred-at range", async () => {
    const source = newSource();
    await insert(source, [
      { type: "incident.opened", severity: "critical", occurredAt: new Date("2025-05-01T08:00:00Z") },
      { type: "incident.opened", severity: "low", occurredAt: new Date("2025-05-02T23:59:59Z") },
      { type: "order.failed", severity: "critical", occurredAt: new Date("2025-05-03T00:00:00Z") },
    ]);
    const titlesOf = async (query: Record<string, string>) => (await list({ source, ...query })).data.map((e) => `${e.type}/${e.severity}`);
    expect(await titlesOf({})).toHaveLength(3);
    expect(await titlesOf({ type: "incident.opened" })).toEqual(["incident.opened/low", "incident.opened/critical"]);
    expect(await titlesOf({ severity: "critical" })).toEqual(["order.failed/critical", "incident.opened/critical"]);
    expect(await titlesOf({ type: "incident.opened", severity: "critical" })).toEqual(["incident.opened/critical"]);
    // A date as `to` includes that whole day; `from` is inclusive.
    expect(await titlesOf({ from: "2025-05-02", to: "2025-05-02" })).toEqual(["incident.opened/low"]);
    expect(await titlesOf({ from: "2025-05-01T08:00:00Z", to: "2025-05-03T00:00:00Z" })).toEqual([
      "incident.opened/low",
      "incident.opened/critical",
    ]);
    expect(await titlesOf({ from: "2025-05-03" })).toEqual(["order.failed/critical"]);
    expect((await list({ source: newSource() })).data).toEqual([]);
  });

  it("searches titles case-insensitively, treating % and _ literally", async () => {
    const source = newSource();
    await insert(source, [
      { title: "Payment FAILED for order D-1042" },
      { title: "Disk usage at 95% on db-1" },
      { title: "Disk usage at 951 MB on db_1" },
      { title: "Refund issued" },
    ]);
    const search = async (q: string) => (await list({ source, q })).data.map((e) => e.title).sort();
    expect(await search("failed")).toEqual(["Payment FAILED for order D-1042"]);
    expect(await search("  payment failed ")).toEqual(["Payment FAILED for order D-1042"]);
    expect(await search("ISSUED")).toEqual(["Refund issued"]);
    expect(await search("95%")).toEqual(["Disk usage at 95% on db-1"]);
    expect(await search("db_1")).toEqual(["Disk usage at 951 MB on db_1"]);
  });

  it("treats empty query parameters as no filter and refuses bad ones with field errors", async () => {
    expect(listEventsQuery.parse({ type: "", severity: "", q: " ", from: "" })).toEqual({ limit: 50 });
    // Under 3 characters the trigram index cannot serve the search, so it is refused.
    const issues = listEventsQuery.safeParse({ type: "Bad Type", severity: "urgent", from: "2025-02-30", to: "soon", q: "ab" }).error
      ?.issues;
    expect(issues?.map((i) => i.path[0]).sort()).toEqual(["from", "q", "severity", "to", "type"]);
    const reversed = listEventsQuery.safeParse({ from: "2025-05-03", to: "2025-05-01" }).error?.issues;
    expect(reversed?.map((i) => i.path[0])).toEqual(["to"]);
    await expect(list({ cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});
