import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorResponse } from "@/lib/api/route";
import type { Ctx, MemberRole } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createEvent } from "@/lib/events/create-event";
import { triggerIntegration } from "@/lib/executions/trigger-integration";
import { createIntegration, createOrUpdateIntegration } from "@/lib/integrations/create-integration";
import { listConnectorTypes } from "@/lib/integrations/list-connector-types";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { updateIntegration } from "@/lib/integrations/update-integration";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { updateSubscription } from "@/lib/subscriptions/update-subscription";
import { makeUser } from "@/lib/testing/factories";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";
import { createPlan } from "./create-plan";
import { createWorkspace } from "./create-workspace";
import { deletePlan } from "./delete-plan";
import { deleteWorkspace } from "./delete-workspace";
import { getPlanUsage } from "./get-plan-usage";
import { getWorkspace } from "./get-workspace";
import { grantSupportAccess } from "./grant-support-access";
import { listOwnWorkspaces } from "./list-own-workspaces";
import { listPlans } from "./list-plans";
import { listWorkspaces } from "./list-workspaces";
import { takeWorkspaceAllowance } from "./rate-limit";
import { asSystem, DEFAULT_WORKSPACE_ID, inWorkspace } from "./scope";
import { updatePlan } from "./update-plan";
import { updateWorkspace } from "./update-workspace";

type User = Awaited<ReturnType<typeof makeUser>>;
let operator: User;
let receiver: Receiver;

beforeAll(async () => {
  operator = await makeUser("admin"); // an instance admin (and owner of the default workspace)
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A ctx acting as `user` in a workspace, with a role there (an owner may trigger). */
function ctxIn(user: User, workspace: { id: string; slug: string; name: string; planId: string }, role: MemberRole): Ctx {
  return {
    ...user.ctx,
    actor: { ...user.ctx.actor, isAdmin: role !== "member", canTriggerIntegrations: role === "owner", isInstanceAdmin: false },
    workspace,
    membership: { role },
  };
}

/** A new workspace on `plan` with a fresh owner; the owner's ctx in it. */
async function workspaceOn(plan: string) {
  const owner = await makeUser("reader");
  const slug = unique("ws");
  const created = await createWorkspace({
    ctx: operator.ctx,
    input: { name: `Workspace ${slug}`, slug, plan, ownerEmail: owner.user.email },
  });
  const ref = { id: created.id, slug, name: created.name, planId: created.plan.id };
  return { owner, workspace: created, ref, ctx: ctxIn(owner, ref, "owner") };
}

/** A plan of the test's own, with everything included unless told. */
async function planWith(fields: Parameters<typeof createPlan>[0]["input"] extends infer I ? Partial<I> : never) {
  return createPlan({ ctx: operator.ctx, input: { key: unique("plan"), name: unique("Plan"), ...fields } });
}

/**
 * Reads of the test itself, across workspaces (a verb's authorize() narrowed the test's context to
 * its workspace), awaited inside the system scope: a Prisma query runs when awaited.
 */
const sys = <T>(fn: () => PromiseLike<T>) => asSystem(async () => await fn());

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe("integration limits per workspace", () => {
  it("refuses a connector type the plan leaves out, naming the cheapest plan that includes it", async () => {
    const { ctx } = await workspaceOn("free");
    const error = await refusal(createIntegration({ ctx, input: { name: "Alerts", connectorType: "slack" } }));
    expect(error).toMatchObject({
      code: "plan_required",
      message: "Slack integrations are not in the Free plan; the Starter plan includes them.",
      fieldErrors: { connectorType: ["Slack integrations are not in the Free plan; the Starter plan includes them."] },
    });
    // The connector type list says so before the form is filled.
    const { data } = await listConnectorTypes({ ctx });
    expect(data.find((t) => t.type === "slack")!.usage).toMatchObject({ used: 0, limit: 0, full: error!.message });
    expect(data.find((t) => t.type === "standard")!.usage.full).toBeNull();
    // Changing an integration to that type is refused the same way.
    const standard = await createIntegration({ ctx, input: { name: "Hook", platform: "n8n" } });
    expect(await refusal(updateIntegration({ ctx, id: standard.id, input: { connectorType: "discord" } }))).toMatchObject({
      code: "plan_required",
      message: "Discord integrations are not in the Free plan; the Starter plan includes them.",
    });
  });

  it("counts only the workspace's own integrations, and names the plan when the limit is reached", async () => {
    const plan = await planWith({ maxIntegrations: 1 });
    const a = await workspaceOn(plan.key);
    const b = await workspaceOn(plan.key);
    await createIntegration({ ctx: a.ctx, input: { name: "First", platform: "n8n" } });
    expect(await refusal(createIntegration({ ctx: a.ctx, input: { name: "Second", platform: "n8n" } }))).toMatchObject({
      code: "limit_reached",
      message: `The ${plan.name} plan allows at most 1 integration; 1 exists.`,
    });
    // B's allowance is its own, whatever A and the default workspace have.
    expect(await sys(() => db.integration.count({ where: { workspaceId: DEFAULT_WORKSPACE_ID } }))).toBeGreaterThanOrEqual(0);
    const other = await createIntegration({ ctx: b.ctx, input: { name: "First", platform: "n8n" } });
    expect(other.slug).toBe("first");
    expect(await sys(() => db.integration.count({ where: { workspaceId: b.ref.id } }))).toBe(1);
  });

  it("holds per workspace when the last one is created at the same time", async () => {
    const plan = await planWith({ maxIntegrations: 2 });
    const { ctx, ref } = await workspaceOn(plan.key);
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((n) => createIntegration({ ctx, input: { name: `Race ${n}`, platform: "make" } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(await sys(() => db.integration.count({ where: { workspaceId: ref.id } }))).toBe(2);
  });

  it("one integration per connector type: creating a second of a type updates the first (the seed's upsert)", async () => {
    const { ctx, ref } = await workspaceOn("starter");
    const first = await createOrUpdateIntegration({ ctx, input: { name: "Ops", platform: "n8n", description: "v1" } });
    expect(first.created).toBe(true);
    const again = await createOrUpdateIntegration({ ctx, input: { name: "Ops renamed", platform: "make", description: "v2" } });
    expect(again).toMatchObject({
      created: false,
      integration: { id: first.integration.id, name: "Ops renamed", platform: "make", description: "v2" },
    });
    expect(await sys(() => db.integration.count({ where: { workspaceId: ref.id } }))).toBe(1);
    const audit = await sys(() => db.auditLog.findFirst({ where: { targetId: first.integration.id, action: "integration.updated" } }));
    expect(audit).toMatchObject({ workspaceId: ref.id, before: { name: "Ops", platform: "n8n", description: "v1" } });
    // Another type is another integration; changing it to a type that exists is refused.
    const slack = await createIntegration({ ctx, input: { name: "Chat", connectorType: "slack" } });
    expect(await refusal(updateIntegration({ ctx, id: slack.id, input: { connectorType: "standard", platform: "n8n" } }))).toMatchObject({
      code: "limit_reached",
      message: "The Starter plan allows one integration per connector type, and a Standard webhook integration exists.",
    });
  });
});

describe("subscriptions by plan", () => {
  it("refuses automatic deliveries on a plan without them", async () => {
    const { ctx } = await workspaceOn("free");
    const integration = await createIntegration({ ctx, input: { name: "Hook", platform: "n8n" } });
    expect(
      await refusal(createSubscription({ ctx, integrationId: integration.id, input: { eventTypes: ["*"], retrySchedule: [] } })),
    ).toMatchObject({
      code: "plan_required",
      message: "Automatic deliveries (subscriptions) are not in the Free plan; the Starter plan includes them.",
    });
    expect(await sys(() => db.subscription.count({ where: { integrationId: integration.id } }))).toBe(0);
  });

  it("refuses a retry schedule on a plan without them; none named means none", async () => {
    const plan = await planWith({ retrySchedules: false });
    const { ctx } = await workspaceOn(plan.key);
    const integration = await createIntegration({ ctx, input: { name: "Hook", platform: "n8n" } });
    const sub = await createSubscription({ ctx, integrationId: integration.id, input: { eventTypes: ["*"] } });
    expect(sub.retrySchedule).toBeNull(); // none
    expect(
      await refusal(createSubscription({ ctx, integrationId: integration.id, input: { eventTypes: ["a.b"], retrySchedule: [60] } })),
    ).toMatchObject({
      code: "plan_required",
      message: `Automatic retry schedules are not in the ${plan.name} plan; the Starter plan includes them.`,
      fieldErrors: { retrySchedule: [expect.any(String)] },
    });
    expect(await refusal(updateSubscription({ ctx, id: sub.id, input: { retrySchedule: [60, 300] } }))).toMatchObject({
      code: "plan_required",
    });
  });
});

describe("rates by plan", () => {
  it("answers 429 with Retry-After beyond the workspace's ingest rate; another workspace is not affected", async () => {
    const plan = await planWith({ ingestPerMinute: 2 });
    const a = await workspaceOn(plan.key);
    const b = await workspaceOn(plan.key);
    const ingest = (ctx: Ctx) =>
      createEvent({ ctx, input: { type: "rate.test", title: "t", severity: "info", source: "test", details: {} } });
    // Two events' worth of A's allowance (what two ingestions take first), then the verb refuses.
    await takeWorkspaceAllowance(a.ref.id, "ingest");
    await takeWorkspaceAllowance(a.ref.id, "ingest");
    const error = await refusal(ingest(a.ctx));
    expect(error).toMatchObject({ code: "rate_limited" });
    expect(error!.message).toContain(`${plan.name} plan lets it ingest at most 2 events a minute`);
    const response = errorResponse(error);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(Number(response.headers.get("Retry-After"))).toBeLessThanOrEqual(30);
    expect(await sys(() => db.event.count({ where: { workspaceId: a.ref.id } }))).toBe(0);
    // B's allowance is its own; a plan without a rate takes none.
    await takeWorkspaceAllowance(b.ref.id, "ingest");
    await takeWorkspaceAllowance(DEFAULT_WORKSPACE_ID, "ingest");
    expect((await getPlanUsage({ ctx: a.ctx })).ingestPerMinute).toEqual({ limit: 2, usedLastMinute: 2 });
  });

  it("answers 429 beyond the workspace's trigger rate", async () => {
    const plan = await planWith({ triggersPerMinute: 1 });
    const { ctx } = await workspaceOn(plan.key);
    const integration = await createIntegration({ ctx, input: { name: "Hook", platform: "custom" } });
    await saveWebhookConfig({ ctx, integrationId: integration.id, input: { url: receiver.url, enabled: true, timeoutSeconds: 5 } });
    await triggerIntegration({ ctx, integrationId: integration.id, input: { mode: "default" } });
    const error = await refusal(triggerIntegration({ ctx, integrationId: integration.id, input: { mode: "default" } }));
    expect(error).toMatchObject({ code: "rate_limited" });
    expect(error!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});

describe("a plan change", () => {
  it("disables nothing: what is over the new plan is listed, and new creations are refused", async () => {
    const { ctx, ref } = await workspaceOn("enterprise");
    const hooks = [];
    for (const name of ["One", "Two", "Three"]) hooks.push(await createIntegration({ ctx, input: { name, platform: "n8n" } }));
    await createIntegration({ ctx, input: { name: "Chat", connectorType: "slack" } });
    const sub = await createSubscription({ ctx, integrationId: hooks[0].id, input: { eventTypes: ["*"] } });

    const changed = await updateWorkspace({ ctx: operator.ctx, slug: ref.slug, input: { plan: "free" } });
    expect(changed.plan.key).toBe("free");
    expect(changed.overPlan).toEqual([
      "4 integrations; the Free plan allows 2.",
      "3 Standard webhook integrations; the Free plan allows 1.",
      "1 Slack integration; Slack integrations are not in the Free plan.",
      "1 enabled subscription; automatic deliveries are not in the Free plan.",
      "1 subscription with a retry schedule; retry schedules are not in the Free plan.",
    ]);
    // Nothing was disabled or removed.
    expect(await sys(() => db.integration.count({ where: { workspaceId: ref.id } }))).toBe(4);
    expect(await sys(() => db.subscription.findUniqueOrThrow({ where: { id: sub.id } }))).toMatchObject({ enabled: true });

    const onFree = { ...ctx, workspace: { ...ref, planId: changed.plan.id } };
    const usage = await getPlanUsage({ ctx: onFree });
    expect(usage.plan).toMatchObject({ key: "free", name: "Free", historyDays: 7, ingestPerMinute: 60 });
    expect(usage.integrations).toEqual({ used: 4, limit: 2, over: true });
    expect(usage.connectorTypes.find((t) => t.type === "slack")).toMatchObject({ used: 1, limit: 0, included: false, over: true });
    expect(usage.automaticDeliveries).toEqual({ included: false, enabledSubscriptions: 1, over: true });
    expect(usage.over).toEqual(changed.overPlan);
    // New creations beyond the plan are refused; on Free (one per type) a standard one updates the first.
    expect(await refusal(createIntegration({ ctx: onFree, input: { name: "Zap", connectorType: "zapier" } }))).toMatchObject({
      code: "plan_required",
      message: "Zapier integrations are not in the Free plan; the Starter plan includes them.",
    });
    expect(await createOrUpdateIntegration({ ctx: onFree, input: { name: "Four", platform: "make" } })).toMatchObject({ created: false });
    expect(await sys(() => db.integration.count({ where: { workspaceId: ref.id } }))).toBe(4);
    // Enabling again what was disabled is refused; the enabled one stays enabled.
    await updateSubscription({ ctx: onFree, id: sub.id, input: { enabled: false } });
    expect(await refusal(updateSubscription({ ctx: onFree, id: sub.id, input: { enabled: true } }))).toMatchObject({
      code: "plan_required",
    });
    const audit = await sys(() => db.auditLog.findFirst({ where: { workspaceId: ref.id, action: "workspace.updated" } }));
    expect(audit).toMatchObject({ before: { plan: "enterprise" }, after: { plan: "free" } });
  });
});

describe("instance administration", () => {
  it("is for instance admins only: a workspace owner is refused", async () => {
    const { ctx, ref } = await workspaceOn("pro");
    for (const call of [
      () => listPlans({ ctx }),
      () => listWorkspaces({ ctx }),
      () => createPlan({ ctx, input: { key: unique("p"), name: "Mine" } }),
      () => updateWorkspace({ ctx, slug: ref.slug, input: { plan: "enterprise" } }),
      () => deleteWorkspace({ ctx, slug: ref.slug }),
      () => grantSupportAccess({ ctx, input: { workspace: ref.slug } }),
    ]) {
      expect(await refusal(call())).toMatchObject({ code: "forbidden" });
    }
  });

  it("lists workspaces with counts only, and plans with how many workspaces are on them", async () => {
    const { ctx, ref } = await workspaceOn("pro");
    await createIntegration({ ctx, input: { name: "Hook", platform: "n8n" } });
    const { data, totals } = await listWorkspaces({ ctx: operator.ctx });
    const row = data.find((w) => w.id === ref.id)!;
    expect(row).toEqual({
      id: ref.id,
      slug: ref.slug,
      name: ref.name,
      plan: { id: expect.any(String), key: "pro", name: "Pro" },
      members: 1,
      integrations: 1,
      isDefault: false,
      createdAt: expect.any(Date),
    });
    expect(totals.workspaces).toBe(data.length);
    const plans = (await listPlans({ ctx: operator.ctx })).data;
    expect(plans.slice(0, 5).map((p) => p.key)).toEqual(["default", "free", "starter", "pro", "enterprise"]);
    expect(plans.find((p) => p.key === "pro")!.workspaces).toBeGreaterThanOrEqual(1);
  });

  it("a non-member gets workspace_not_found; an instance admin sees counts; support access is audited in the workspace", async () => {
    const { ref, ctx: ownerCtx } = await workspaceOn("starter");
    const stranger = await makeUser("reader");
    expect(await refusal(getWorkspace({ ctx: stranger.ctx, slug: ref.slug }))).toMatchObject({ code: "workspace_not_found" });
    expect(await refusal(getWorkspace({ ctx: stranger.ctx, slug: "no-such-workspace" }))).toMatchObject({ code: "workspace_not_found" });
    expect(await getWorkspace({ ctx: ownerCtx, slug: ref.slug })).toMatchObject({ role: "owner", plan: { key: "starter" } });
    expect(await getWorkspace({ ctx: operator.ctx, slug: ref.slug })).toMatchObject({ role: null, members: 1 });

    const granted = await grantSupportAccess({ ctx: operator.ctx, input: { workspace: ref.slug, role: "admin" } });
    expect(granted).toEqual({ slug: ref.slug, name: ref.name, role: "admin" });
    expect((await listOwnWorkspaces({ ctx: operator.ctx })).data.map((w) => w.slug)).toContain(ref.slug);
    const rows = await sys(() => db.auditLog.findMany({ where: { action: "support_access.granted", actorId: operator.user.id } }));
    expect(rows.map((r) => r.workspaceId).sort()).toEqual([ref.id, null].sort());
    expect(rows.find((r) => r.workspaceId === ref.id)).toMatchObject({ targetId: operator.user.id, after: { role: "admin" } });
    expect(await refusal(grantSupportAccess({ ctx: operator.ctx, input: { workspace: ref.slug } }))).toMatchObject({ code: "conflict" });
    expect(await refusal(grantSupportAccess({ ctx: operator.ctx, input: { workspace: "no-such-workspace" } }))).toMatchObject({
      code: "workspace_not_found",
    });
  });

  it("creating a workspace needs an existing account and a free slug; its audit rows are the instance's and its own", async () => {
    const owner = await makeUser("reader");
    const slug = unique("new");
    expect(
      await refusal(createWorkspace({ ctx: operator.ctx, input: { name: "N", slug, plan: "free", ownerEmail: "nobody@test.example" } })),
    ).toMatchObject({ code: "validation_failed", fieldErrors: { ownerEmail: [expect.any(String)] } });
    expect(
      await refusal(createWorkspace({ ctx: operator.ctx, input: { name: "N", slug, plan: "platinum", ownerEmail: owner.user.email } })),
    ).toMatchObject({ code: "validation_failed", fieldErrors: { plan: [expect.any(String)] } });
    const created = await createWorkspace({ ctx: operator.ctx, input: { name: "N", slug, plan: "free", ownerEmail: owner.user.email } });
    expect(
      await refusal(createWorkspace({ ctx: operator.ctx, input: { name: "N", slug, plan: "free", ownerEmail: owner.user.email } })),
    ).toMatchObject({
      code: "conflict",
    });
    const rows = await sys(() => db.auditLog.findMany({ where: { action: "workspace.created", targetId: created.id } }));
    expect(rows.map((r) => r.workspaceId).sort()).toEqual([created.id, null].sort());
    expect(await sys(() => db.membership.findFirst({ where: { workspaceId: created.id } }))).toMatchObject({
      userId: owner.user.id,
      role: "owner",
    });
  });

  it("deletes a workspace with its history; the default one stays", async () => {
    const { ctx, ref } = await workspaceOn("enterprise");
    await createIntegration({ ctx, input: { name: "Hook", platform: "custom" } });
    await inWorkspace(
      ref.id,
      async () =>
        await db.event.create({
          data: { type: "gone.soon", title: "t", severity: "info", source: "test", details: {}, occurredAt: new Date() },
        }),
    );
    expect(await sys(() => db.event.count({ where: { workspaceId: ref.id } }))).toBe(1);

    await deleteWorkspace({ ctx: operator.ctx, slug: ref.slug });
    const left = await sys(() =>
      Promise.all([
        db.workspace.count({ where: { id: ref.id } }),
        db.integration.count({ where: { workspaceId: ref.id } }),
        db.event.count({ where: { workspaceId: ref.id } }),
        db.message.count({ where: { workspaceId: ref.id } }),
        db.attempt.count({ where: { workspaceId: ref.id } }),
        db.auditLog.count({ where: { workspaceId: ref.id } }),
        db.membership.count({ where: { workspaceId: ref.id } }),
      ]),
    );
    expect(left).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const row = await sys(() => db.auditLog.findFirst({ where: { action: "workspace.deleted", targetId: ref.id } }));
    expect(row).toMatchObject({ workspaceId: null, after: { purged: { events: 1, auditRows: 2 } } });
    expect(await refusal(deleteWorkspace({ ctx: operator.ctx, slug: "default" }))).toMatchObject({ code: "conflict" });
  });

  it("plans: the default plan's integration limits are the environment's; built-in and used plans are not deleted", async () => {
    const plans = (await listPlans({ ctx: operator.ctx })).data;
    const byKey = (key: string) => plans.find((p) => p.key === key)!;
    expect(byKey("default")).toMatchObject({ integrationLimitsFromEnvironment: true, builtIn: true });
    expect(await refusal(updatePlan({ ctx: operator.ctx, id: byKey("default").id, input: { maxIntegrations: 3 } }))).toMatchObject({
      code: "validation_failed",
      fieldErrors: { maxIntegrations: [expect.stringContaining("PORTAL_MAX_INTEGRATIONS")] },
    });
    expect(await refusal(deletePlan({ ctx: operator.ctx, id: byKey("free").id }))).toMatchObject({ code: "conflict" });

    const plan = await planWith({ maxPerConnectorType: { teams: 0 } });
    const { ref } = await workspaceOn(plan.key);
    expect(await refusal(deletePlan({ ctx: operator.ctx, id: plan.id }))).toMatchObject({
      code: "conflict",
      message: expect.stringContaining("1 workspace is on"),
    });
    await updateWorkspace({ ctx: operator.ctx, slug: ref.slug, input: { plan: "pro" } });
    const changed = await updatePlan({ ctx: operator.ctx, id: plan.id, input: { name: "Renamed", historyDays: 14 } });
    expect(changed).toMatchObject({ name: "Renamed", historyDays: 14, maxPerConnectorType: { teams: 0 }, workspaces: 0 });
    await deletePlan({ ctx: operator.ctx, id: plan.id });
    const audit = await sys(() => db.auditLog.findMany({ where: { targetId: plan.id }, orderBy: { createdAt: "asc" } }));
    expect(audit.map((r) => [r.action, r.workspaceId])).toEqual([
      ["plan.created", null],
      ["plan.updated", null],
      ["plan.deleted", null],
    ]);
  });
});
