// Isolation between workspaces where the database client's scope does not reach by itself: the
// hand-written SQL of ingestion, fan-out, manual sends, lists, counts, charts and live state, and
// the fail-closed rule. Two fresh workspaces with the same kinds of data; a member of one calls
// the verbs with the other's ids.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditActions } from "@/lib/audit-log/list-audit-actions";
import { listAuditLog } from "@/lib/audit-log/list-audit-log";
import type { Ctx, WorkspaceRef } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { toErrorBody } from "@/lib/errors";
import { createEvent } from "@/lib/events/create-event";
import { getEvent } from "@/lib/events/get-event";
import { listEvents } from "@/lib/events/list-events";
import { cancelRetries } from "@/lib/executions/cancel-retries";
import { countExecutions } from "@/lib/executions/count-executions";
import { exportExecutions } from "@/lib/executions/export-executions";
import { findAttempts } from "@/lib/executions/where";
import { keysetExport } from "@/lib/exports";
import { getDeliveryHistory } from "@/lib/executions/delivery-history";
import { getDeliveryState } from "@/lib/executions/delivery-state";
import { getExecution } from "@/lib/executions/get-execution";
import { getOverview } from "@/lib/executions/get-overview";
import { listExecutions } from "@/lib/executions/list-executions";
import { retryExecution } from "@/lib/executions/retry-execution";
import { getSuccessRates } from "@/lib/executions/success-rate";
import { triggerIntegration } from "@/lib/executions/trigger-integration";
import { deleteIntegration } from "@/lib/integrations/delete-integration";
import { getIntegration } from "@/lib/integrations/get-integration";
import { listIntegrations } from "@/lib/integrations/list-integrations";
import { updateIntegration } from "@/lib/integrations/update-integration";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import { makeIntegration, makeUser } from "@/lib/testing/factories";
import type { Position } from "@/lib/pagination";
import { asSystem, boundToScope, DEFAULT_WORKSPACE, inWorkspace, refuseUnscopedQueries, withoutScope } from "./scope";

const { receiver, track } = deliveryTestBed();

/** The event type both workspaces subscribe to: an event of one must reach that one only. */
const SHARED_TYPE = `isolation.shared${randomUUID().slice(0, 8)}`;

interface Side {
  workspace: WorkspaceRef;
  admin: Ctx;
  triggerer: Ctx;
  integrationId: string;
  integrationName: string;
  eventId: string;
  /** A manual trigger, sent and finished. */
  attemptId: string;
}

let a: Side;
let b: Side;

/** A fresh workspace with an integration subscribed to SHARED_TYPE, an event of that type, and a trigger. */
async function side(label: string, url: string): Promise<Side> {
  const created = await db.workspace.create({
    data: { name: `Workspace ${label}`, slug: `isolation-${label}-${randomUUID().slice(0, 8)}`, planId: DEFAULT_WORKSPACE.planId },
  });
  const workspace = { id: created.id, slug: created.slug, name: created.name, planId: created.planId };
  const admin = (await makeUser("admin", { workspace })).ctx;
  const triggerer = (await makeUser("trigger", { workspace })).ctx;
  const integration = await makeIntegration(admin, url, `Isolated ${label}`);
  track(integration.id);
  await createSubscription({ ctx: admin, integrationId: integration.id, input: { eventTypes: [SHARED_TYPE], retrySchedule: null } });
  const event = await createEvent({
    ctx: admin,
    input: { type: SHARED_TYPE, title: `Needle-${label} in workspace ${label}`, severity: "high", source: `isolation-${label}` },
  });
  expect(event.deliveriesQueued).toBe(1);
  const { attempt } = await triggerIntegration({ ctx: triggerer, integrationId: integration.id, input: { mode: "default" } });
  return {
    workspace,
    admin,
    triggerer,
    integrationId: integration.id,
    integrationName: integration.name,
    eventId: event.id,
    attemptId: attempt.id,
  };
}

/** What the database holds, read across workspaces (the test's own view, not a verb's). */
const system = <T>(read: () => Promise<T>) => asSystem(async () => await read());

const statusOf = (call: Promise<unknown>) =>
  call.then(
    () => 200,
    (error: unknown) => toErrorBody(error).status,
  );

beforeAll(async () => {
  const r = await receiver();
  a = await side("a", r.url);
  b = await side("b", r.url);
  // Something B did that A never did: its audit actions must not show in A's filter.
  await updateIntegration({ ctx: b.admin, id: b.integrationId, input: { description: "Changed in B only" } });
});

afterAll(async () => {
  // The workspaces and their configuration go; queued deliveries then find no integration and send nothing.
  await system(() => db.workspace.deleteMany({ where: { id: { in: [a.workspace.id, b.workspace.id] } } }));
});

describe("a member of workspace A, given B's ids", () => {
  it("finds none of B's integrations, events or executions, and can change none", async () => {
    expect(await statusOf(getIntegration({ ctx: a.admin, id: b.integrationId }))).toBe(404);
    expect(await statusOf(updateIntegration({ ctx: a.admin, id: b.integrationId, input: { name: "Taken over" } }))).toBe(404);
    expect(await statusOf(deleteIntegration({ ctx: a.admin, id: b.integrationId }))).toBe(404);
    expect(
      await statusOf(
        createSubscription({ ctx: a.admin, integrationId: b.integrationId, input: { eventTypes: ["*"], retrySchedule: null } }),
      ),
    ).toBe(404);
    expect(await statusOf(triggerIntegration({ ctx: a.triggerer, integrationId: b.integrationId, input: { mode: "default" } }))).toBe(404);
    expect(await statusOf(getEvent({ ctx: a.admin, id: b.eventId }))).toBe(404);
    expect(await statusOf(getExecution({ ctx: a.admin, id: b.attemptId }))).toBe(404);
    expect(await statusOf(retryExecution({ ctx: a.triggerer, attemptId: b.attemptId }))).toBe(404);
    expect(await statusOf(cancelRetries({ ctx: a.triggerer, attemptId: b.attemptId }))).toBe(404);

    // B's integration is as B left it, with B's subscription only.
    expect(await getIntegration({ ctx: b.admin, id: b.integrationId })).toMatchObject({ name: b.integrationName });
    expect(await system(() => db.subscription.count({ where: { integrationId: b.integrationId } }))).toBe(1);
    // And B still finds its own.
    expect(await statusOf(getEvent({ ctx: b.admin, id: b.eventId }))).toBe(200);
    expect(await statusOf(getExecution({ ctx: b.admin, id: b.attemptId }))).toBe(200);
  });

  it("sees nothing of B in lists, counts, searches, charts, the overview or the audit log", async () => {
    expect((await listIntegrations({ ctx: a.admin, query: {} })).data.map((i) => i.id)).toEqual([a.integrationId]);
    expect((await listEvents({ ctx: a.admin, query: {} })).data.map((e) => e.id)).toEqual([a.eventId]);
    expect((await listEvents({ ctx: a.admin, query: { q: "Needle-b" } })).data).toEqual([]);
    expect((await listEvents({ ctx: b.admin, query: { q: "Needle-b" } })).data.map((e) => e.id)).toContain(b.eventId);

    const ownAttempts = await system(() => db.attempt.findMany({ where: { workspaceId: a.workspace.id }, select: { id: true } }));
    const listed = await listExecutions({ ctx: a.admin, query: {} });
    expect(listed.data.map((x) => x.id).sort()).toEqual(ownAttempts.map((x) => x.id).sort());
    expect((await listExecutions({ ctx: a.admin, query: { integrationId: b.integrationId } })).data).toEqual([]);
    expect(await countExecutions({ ctx: a.admin, query: {} })).toEqual({ count: ownAttempts.length, more: false });
    expect(await countExecutions({ ctx: a.admin, query: { integrationId: b.integrationId } })).toEqual({ count: 0, more: false });
    // B's automatic delivery carries B's event in its body: a search from A does not find it.
    expect((await listExecutions({ ctx: b.admin, query: { q: "Needle-b" } })).data.length).toBeGreaterThan(0);
    expect((await listExecutions({ ctx: a.admin, query: { q: "Needle-b" } })).data).toEqual([]);

    // Charts: A's finished deliveries (its trigger) and none of B's.
    const total = (buckets: { succeeded: number; failed: number }[]) => buckets.reduce((n, x) => n + x.succeeded + x.failed, 0);
    expect(total(await getDeliveryHistory({ ctx: a.admin, integrationId: null, range: "24h" }))).toBe(1);
    expect(total(await getDeliveryHistory({ ctx: a.admin, integrationId: b.integrationId, range: "24h" }))).toBe(0);
    expect(total(await getDeliveryHistory({ ctx: b.admin, integrationId: b.integrationId, range: "24h" }))).toBe(1);
    expect((await getSuccessRates({ ctx: a.admin, integrationId: b.integrationId })).last24Hours.finished).toBe(0);
    expect((await getSuccessRates({ ctx: b.admin, integrationId: b.integrationId })).last24Hours.finished).toBe(1);

    // The overview's queue is A's own: its one automatic delivery waiting, whatever B has queued.
    const queuedInA = await system(() => db.attempt.count({ where: { workspaceId: a.workspace.id, status: "queued" } }));
    expect((await getOverview({ ctx: a.admin })).queue.queued).toBe(queuedInA);

    const actions = await listAuditActions({ ctx: a.admin });
    expect(actions).toContain("event.created");
    expect(actions).not.toContain("integration.updated");
    expect(await listAuditActions({ ctx: b.admin })).toContain("integration.updated");
    const audit = await listAuditLog({ ctx: a.admin, query: { limit: 100 } });
    expect(audit.data.map((e) => e.target?.id ?? null)).not.toContain(b.integrationId);
    expect(audit.data.map((e) => e.target?.id ?? null)).not.toContain(b.eventId);
  });
});

describe("an event ingested in workspace B", () => {
  it("fans out to B's subscriptions only, and every row it writes is B's", async () => {
    const stateOfA = () => getDeliveryState({ ctx: a.admin, query: { events: "1" } });
    const before = await stateOfA();
    const seenInA = await system(() =>
      db.eventType.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: a.workspace.id, name: SHARED_TYPE } } }),
    );

    const event = await createEvent({
      ctx: b.admin,
      input: { type: SHARED_TYPE, title: "Fanned out in B", severity: "low", source: "isolation" },
    });
    expect(event).toMatchObject({ deliveriesQueued: 1, deliveriesSkipped: 0 });

    const [stored, messages, attempts, audit] = await system(() =>
      Promise.all([
        db.event.findUniqueOrThrow({ where: { id: event.id } }),
        db.message.findMany({ where: { eventId: event.id } }),
        db.attempt.findMany({ where: { eventId: event.id } }),
        db.auditLog.findMany({ where: { targetId: event.id } }),
      ]),
    );
    expect(stored.workspaceId).toBe(b.workspace.id);
    expect(messages.map((m) => [m.integrationId, m.workspaceId])).toEqual([[b.integrationId, b.workspace.id]]);
    expect(attempts.map((x) => [x.integrationId, x.workspaceId, x.status])).toEqual([[b.integrationId, b.workspace.id, "queued"]]);
    expect(audit.map((x) => x.workspaceId)).toEqual([b.workspace.id]);

    // B's catalog counted it; A's did not move; nor did anything A's pages watch.
    const seen = await system(() =>
      db.eventType.findMany({
        where: { name: SHARED_TYPE },
        select: { workspaceId: true, seenCount: true },
        orderBy: { workspaceId: "asc" },
      }),
    );
    expect(seen).toContainEqual({ workspaceId: b.workspace.id, seenCount: 2 });
    expect(seen).toContainEqual({ workspaceId: a.workspace.id, seenCount: seenInA.seenCount });
    expect(await stateOfA()).toEqual(before);

    // The first events of each workspace went to that workspace's integration only, too.
    const first = await system(() => db.message.findMany({ where: { eventId: { in: [a.eventId, b.eventId] } } }));
    expect(first.map((m) => [m.eventId, m.integrationId, m.workspaceId]).sort()).toEqual(
      [
        [a.eventId, a.integrationId, a.workspace.id],
        [b.eventId, b.integrationId, b.workspace.id],
      ].sort(),
    );
  });
});

describe("a manual trigger in workspace B", () => {
  it("records B's message, attempt and audit row, and its idempotency key in B", async () => {
    const attempt = await system(() => db.attempt.findUniqueOrThrow({ where: { id: b.attemptId }, include: { message: true } }));
    expect(attempt).toMatchObject({ workspaceId: b.workspace.id, integrationId: b.integrationId, status: "succeeded" });
    expect(attempt.message.workspaceId).toBe(b.workspace.id);
    expect((await system(() => db.auditLog.findMany({ where: { targetId: b.attemptId } }))).map((x) => x.workspaceId)).toEqual([
      b.workspace.id,
    ]);

    // One person in both workspaces, one key: one message in each; a replay answers from its own workspace.
    const person = await makeUser("trigger", { workspace: a.workspace });
    await db.membership.create({
      data: { workspaceId: b.workspace.id, userId: person.user.id, role: "member", canTriggerIntegrations: true },
    });
    const inA = person.ctx;
    const inB: Ctx = { ...person.ctx, workspace: b.workspace };
    const key = `isolation-${randomUUID()}`;
    const first = await triggerIntegration({ ctx: inA, integrationId: a.integrationId, input: { mode: "default" }, idempotencyKey: key });
    const second = await triggerIntegration({ ctx: inB, integrationId: b.integrationId, input: { mode: "default" }, idempotencyKey: key });
    expect(first.replayed).toBe(false);
    expect(second.replayed).toBe(false);
    expect(second.attempt.id).not.toBe(first.attempt.id);
    const again = await triggerIntegration({ ctx: inB, integrationId: b.integrationId, input: { mode: "default" }, idempotencyKey: key });
    expect(again).toMatchObject({ replayed: true, attempt: { id: second.attempt.id } });
    const keys = await system(() => db.idempotencyKey.findMany({ where: { userId: person.user.id, key } }));
    expect(keys.map((k) => k.workspaceId).sort()).toEqual([a.workspace.id, b.workspace.id].sort());
    const sent = await system(() => db.attempt.findUniqueOrThrow({ where: { id: second.attempt.id }, include: { message: true } }));
    expect([sent.workspaceId, sent.message.workspaceId]).toEqual([b.workspace.id, b.workspace.id]);
  });
});

describe("fail-closed", () => {
  it("refuses a query of a workspace's data outside any scope, and allows it in a workspace or as system work", async () => {
    refuseUnscopedQueries();
    try {
      await expect(withoutScope(async () => await db.integration.findMany({ take: 1 }))).rejects.toThrow(/outside a workspace scope/);
      await expect(withoutScope(async () => await db.subscription.count())).rejects.toThrow(/outside a workspace scope/);
      expect(await asSystem(async () => await db.integration.count({ where: { id: { in: [a.integrationId, b.integrationId] } } }))).toBe(2);
      expect(
        await inWorkspace(
          a.workspace.id,
          async () => await db.integration.count({ where: { id: { in: [a.integrationId, b.integrationId] } } }),
        ),
      ).toBe(1);
      // A verb enters its own workspace (authorize), so it works as before.
      expect((await withoutScope(() => listIntegrations({ ctx: a.admin, query: {} }))).data.map((i) => i.id)).toEqual([a.integrationId]);
    } finally {
      refuseUnscopedQueries(false);
    }
  });

  it("an export is read in its verb's workspace, however late and from wherever its stream is pulled", async () => {
    expect(
      (
        await exportExecutions({ ctx: a.admin, query: { format: "jsonl" } })
          .body.getReader()
          .read()
      ).done,
    ).toBe(false);
    // One row a batch: every read after the first is pulled by the reader, long after the verb returned.
    const file = inWorkspace(a.workspace.id, () =>
      keysetExport({
        name: "executions",
        format: "jsonl",
        columns: ["id"],
        // As the export verbs bind theirs.
        fetchAfter: boundToScope((after: Position | null, take: number) =>
          findAttempts({}, after, take, { select: { id: true, startedAt: true } }),
        ),
        positionOf: (row: { id: string; startedAt: Date }) => ({ at: row.startedAt, id: row.id }),
        toRecord: (row: { id: string }) => ({ id: row.id }),
        batchSize: 1,
      }),
    );
    refuseUnscopedQueries();
    try {
      // A slow reader: each read finds the stream idle, so the next batch is pulled from the reader's context.
      const reader = file.body.getReader();
      const decoder = new TextDecoder();
      let text = "";
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const chunk = await withoutScope(async () => await reader.read());
        if (chunk.done) break;
        text += decoder.decode(chunk.value);
      }
      const ids = text
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { id: string }).id);
      const own = await system(() => db.attempt.findMany({ where: { workspaceId: a.workspace.id }, select: { id: true } }));
      expect(ids.sort()).toEqual(own.map((x) => x.id).sort());
    } finally {
      refuseUnscopedQueries(false);
    }
  });
});
