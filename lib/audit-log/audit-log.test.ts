import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeUser } from "@/lib/testing/factories";
import { DEFAULT_WORKSPACE_ID, inWorkspace } from "@/lib/workspaces/scope";
import { actionLabel } from "./action-labels";
import { exportAuditLog } from "./export-audit-log";
import { listAuditActions } from "./list-audit-actions";
import { listAuditLog } from "./list-audit-log";

let admin: Awaited<ReturnType<typeof makeUser>>;
let reader: Awaited<ReturnType<typeof makeUser>>;
const T0 = new Date("2026-04-01T08:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const integrationId = randomUUID();
const executionId = randomUUID();
const action = `test.${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  admin = await makeUser("admin");
  reader = await makeUser("reader");
  const actor = { actorId: admin.user.id, actorEmail: admin.user.email, ip: "203.0.113.9" };
  // Rows of the default workspace, where admin and reader are members (written inside its scope).
  await inWorkspace(DEFAULT_WORKSPACE_ID, async () => {
    await db.auditLog.createMany({
      data: [
        {
          ...actor,
          createdAt: at(1),
          action,
          targetType: "integration",
          targetId: integrationId,
          before: { url: "https://a.example" },
          after: { url: "https://b.example" },
        },
        {
          ...actor,
          createdAt: at(2),
          action: `${action}.other`,
          targetType: "execution",
          targetId: executionId,
          after: { note: '=cmd|"x"' },
        },
        { createdAt: at(3), action, after: { attempts: 3 } },
        ...Array.from({ length: 6 }, () => ({ ...actor, createdAt: at(4), action })), // equal timestamps
      ],
    });
  });
});

const ids = async (query: Record<string, string | number>) => (await listAuditLog({ ctx: admin.ctx, query })).data;

describe("listAuditLog", () => {
  it("filters by actor, action, target and time range, newest first", async () => {
    expect((await ids({ action })).map((e) => e.createdAt)).toEqual([...Array(6).fill(at(4)), at(3), at(1)]);
    expect(await ids({ targetType: "integration", targetId: integrationId })).toMatchObject([
      {
        action,
        actor: { id: admin.user.id, email: admin.user.email },
        target: { type: "integration", id: integrationId },
        before: { url: "https://a.example" },
        ip: "203.0.113.9",
      },
    ]);
    expect(await ids({ targetType: "execution", targetId: executionId })).toMatchObject([{ action: `${action}.other` }]);
    expect((await ids({ actorId: admin.user.id, action })).every((e) => e.actor?.id === admin.user.id)).toBe(true);
    expect(await ids({ action, from: at(2).toISOString(), to: at(4).toISOString() })).toMatchObject([
      { actor: null, after: { attempts: 3 } },
    ]);
    await expect(listAuditLog({ ctx: admin.ctx, query: { targetId: integrationId } })).rejects.toMatchObject({ name: "ZodError" });
  });

  it("finds a target by part of its name, in any case, or by its id alone; actions read as words", async () => {
    const name = `Northern Warehouse ${randomUUID().slice(0, 8)}`;
    const targetId = randomUUID();
    await db.auditLog.create({
      data: {
        workspaceId: DEFAULT_WORKSPACE_ID,
        createdAt: at(5),
        action: "webhook.config_changed",
        targetType: "integration",
        targetId,
        targetLabel: name,
      },
    });
    expect(await ids({ target: name.slice(9).toUpperCase() })).toMatchObject([{ target: { id: targetId, label: name } }]);
    expect(await ids({ target: targetId })).toMatchObject([{ target: { id: targetId } }]);
    expect(await ids({ target: "%" + name.slice(-8) })).toEqual([]); // % is a character, not a wildcard
    expect(actionLabel("webhook.config_changed")).toBe("Webhook settings changed");
    expect(actionLabel("widget.colour_changed")).toBe("Widget: colour changed");
  });

  it("pages by cursor through equal timestamps without duplicates or gaps", async () => {
    const seen: string[] = [];
    for (let cursor: string | undefined, i = 0; i === 0 || cursor; i++) {
      const page = await listAuditLog({ ctx: admin.ctx, query: { action, limit: 3, cursor } });
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it("is for admins only", async () => {
    await expect(listAuditLog({ ctx: reader.ctx, query: {} })).rejects.toMatchObject({ code: "forbidden" });
    expect(() => exportAuditLog({ ctx: reader.ctx, query: { format: "csv" } })).toThrow(expect.objectContaining({ code: "forbidden" }));
    await expect(listAuditActions({ ctx: reader.ctx })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("knows every distinct action", async () => {
    expect(await listAuditActions({ ctx: admin.ctx })).toEqual(expect.arrayContaining([action, `${action}.other`]));
  });
});

describe("exportAuditLog", () => {
  it("streams CSV with JSON cells quoted and formulas neutralised", async () => {
    const text = await new Response(exportAuditLog({ ctx: admin.ctx, query: { actorId: admin.user.id, format: "csv" } }).body).text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,createdAt,actorId,actorEmail,action,targetType,targetId,targetLabel,before,after,ip,userAgent,apiToken");
    expect(lines).toHaveLength(1 + 8);
    expect(text).toContain(`"{""url"":""https://a.example""}"`);
    expect(text).toContain(`"{""note"":""=cmd|\\""x\\""""}"`);
  });

  it("streams JSON Lines, one entry per line", async () => {
    const text = await new Response(exportAuditLog({ ctx: admin.ctx, query: { action, format: "jsonl" } }).body).text();
    const entries = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { action: string; actor: unknown });
    expect(entries).toHaveLength(8);
    expect(entries.every((e) => e.action === action)).toBe(true);
  });
});
