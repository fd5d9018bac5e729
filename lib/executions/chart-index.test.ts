import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newMessageId } from "@/lib/webhooks/signing";
import { DEFAULT_WORKSPACE_ID } from "@/lib/workspaces/scope";
import { deliveryHistorySql } from "./delivery-history";
import { successRatesSql } from "./success-rate";

const DAY = 86_400_000;

/** The plan of `query` with sequential and bitmap scans ruled out, so the planner shows whether an index covers it. */
async function planOf(query: Prisma.Sql): Promise<string> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (COSTS OFF) ${query.text}`, ...query.values);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("the success-rate and chart counts", () => {
  it("are answered from the (integrationId, startedAt, id, kind, status) index alone", async () => {
    const integrationId = randomUUID();
    const messageId = newMessageId();
    await db.message.create({ data: { id: messageId, integrationId, integrationName: "Charted", mode: "default", body: "" } });
    await db.attempt.createMany({
      data: ["succeeded", "failed", "interrupted"].map((status) => ({
        messageId,
        integrationId,
        integrationName: "Charted",
        mode: "default",
        kind: "initial",
        status,
        finishedAt: new Date(),
        timeoutSeconds: 5,
        requestUrl: "https://hooks.example/",
        requestHeaders: {},
        requestBody: "",
      })),
    });
    await db.$executeRawUnsafe(`VACUUM ANALYZE "Attempt"`);
    const now = new Date();
    for (const query of [
      deliveryHistorySql(DEFAULT_WORKSPACE_ID, integrationId, new Date(now.getTime() - 30 * DAY), now, 24),
      successRatesSql(DEFAULT_WORKSPACE_ID, integrationId, new Date(now.getTime() - DAY), new Date(now.getTime() - 7 * DAY), now),
    ]) {
      expect(await planOf(query)).toMatch(/Index Only Scan using "Attempt_integrationId_startedAt_id_kind_status_idx"/);
    }
  });
});
