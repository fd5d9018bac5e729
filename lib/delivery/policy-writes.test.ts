import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db, sql } from "@/lib/db";
import { createIntegration } from "@/lib/integrations/create-integration";
import { makeUser } from "@/lib/testing/factories";
import { newMessageId } from "@/lib/webhooks/signing";
import { applyDeliveryPolicy } from "./on-outcome";

/**
 * A failed automatic attempt's row is written three times in all: queued, finished, and once more
 * when its subscription's policy took it into account — marked and, when a retry is scheduled,
 * pointed at it in the same write. Counted from the WAL (pg_walinspect): the heap updates of the
 * attempt's table while the policy runs.
 */
let admin: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  admin = await makeUser("admin");
  await db.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pg_walinspect");
});

async function failedAttempt(retrySchedule: number[]) {
  const integration = await createIntegration({
    ctx: admin.ctx,
    input: { name: `Written ${randomUUID().slice(0, 8)}`, platform: "custom" },
  });
  const sub = await db.subscription.create({
    data: { integrationId: integration.id, eventTypes: ["written.once"], mode: "event", retrySchedule },
  });
  const messageId = newMessageId();
  await db.message.create({
    data: { id: messageId, integrationId: integration.id, integrationName: integration.name, mode: "event", body: "{}" },
  });
  return db.attempt.create({
    data: {
      messageId,
      integrationId: integration.id,
      integrationName: integration.name,
      mode: "event",
      kind: "automatic",
      subscriptionId: sub.id,
      status: "failed",
      responseStatus: 500,
      errorClass: "http_error",
      finishedAt: new Date(),
      timeoutSeconds: 5,
      requestUrl: "https://hooks.example/",
      requestHeaders: {},
    },
  });
}

/** The heap records written to "Attempt" while `run` runs, by kind (INSERT, UPDATE, HOT_UPDATE, LOCK…). */
async function attemptHeapRecords(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const [from] = await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`;
  await run();
  const [to] = await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`;
  const rows = await sql<{ record: string; n: number }>`
    SELECT w.record_type AS record, count(DISTINCT w.start_lsn)::int AS n
    FROM pg_get_wal_block_info(${from.lsn}::pg_lsn, ${to.lsn}::pg_lsn) w
    WHERE w.resource_manager = 'Heap' AND w.relforknumber = 0
      AND w.relfilenode = (SELECT relfilenode FROM pg_class WHERE oid = '"Attempt"'::regclass)
    GROUP BY 1`;
  return Object.fromEntries(rows.map((r) => [r.record, r.n]));
}

describe("the delivery policy on a failed attempt", () => {
  it("schedules the retry and marks the attempt in one write of its row", async () => {
    const failed = await failedAttempt([60]);
    let effect: Awaited<ReturnType<typeof applyDeliveryPolicy>> | undefined;
    const records = await attemptHeapRecords(async () => (effect = await applyDeliveryPolicy(failed)));
    expect(effect).toMatchObject({ kind: "retry_scheduled", retryNumber: 1 });
    const row = await db.attempt.findUniqueOrThrow({ where: { id: failed.id } });
    expect(row.policyAppliedAt).not.toBeNull();
    expect(row.nextRetryAt).toEqual(effect!.kind === "retry_scheduled" ? effect!.dueAt : null);
    // The retry's row is inserted; the failed one is updated once (HOT: no indexed column changes).
    expect(records.INSERT).toBe(1);
    expect((records.UPDATE ?? 0) + (records.HOT_UPDATE ?? 0)).toBe(1);
  });

  it("applies once: a second pass finds it marked and writes nothing", async () => {
    const failed = await failedAttempt([]);
    expect(await applyDeliveryPolicy(failed)).toMatchObject({ kind: "counted", consecutiveFailures: 1 });
    const records = await attemptHeapRecords(() => applyDeliveryPolicy(failed));
    expect((records.UPDATE ?? 0) + (records.HOT_UPDATE ?? 0)).toBe(0);
    expect((await db.subscription.findFirstOrThrow({ where: { id: failed.subscriptionId! } })).consecutiveFailures).toBe(1);
  });
});
