import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { makeUser } from "@/lib/testing/factories";
import { countExecutions } from "./count-executions";

let reader: Ctx;
beforeAll(async () => {
  ({ ctx: reader } = await makeUser("reader"));
});

async function seed(integrationId: string, statuses: string[]) {
  const rows = statuses.map((status) => ({ id: `msg_${randomUUID()}`, status }));
  await db.message.createMany({
    data: rows.map((r) => ({ id: r.id, integrationId, integrationName: "Counted", mode: "default", body: "" })),
  });
  await db.attempt.createMany({
    data: rows.map((r) => ({
      messageId: r.id,
      integrationId,
      integrationName: "Counted",
      mode: "default",
      kind: "initial",
      status: r.status,
      finishedAt: new Date(),
      timeoutSeconds: 5,
      requestUrl: "https://hooks.example/in",
      requestHeaders: {},
      requestBody: "",
    })),
  });
}

describe("countExecutions", () => {
  it("counts what the list's filters match, exactly up to the limit, then says there are more", async () => {
    const integrationId = randomUUID();
    await seed(integrationId, ["failed", "failed", "succeeded", "failed", "failed"]);
    expect(await countExecutions({ ctx: reader, query: { integrationId } })).toEqual({ count: 5, more: false });
    expect(await countExecutions({ ctx: reader, query: { integrationId, status: "succeeded", cursor: undefined, limit: 1 } })).toEqual({
      count: 1,
      more: false,
    });
    expect(await countExecutions({ ctx: reader, query: { integrationId, status: "failed" }, upTo: 4 })).toEqual({ count: 4, more: false });
    expect(await countExecutions({ ctx: reader, query: { integrationId, status: "failed" }, upTo: 3 })).toEqual({ count: 3, more: true });
  });

  it("refuses filters the list refuses", async () => {
    await expect(countExecutions({ ctx: reader, query: { status: "lost" as never } })).rejects.toThrow();
  });
});
