// Failure alerts end to end: failures at a real receiver, the policy disabling a subscription,
// alerts queued and sent by a real worker through a Slack-type integration.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createEvent } from "@/lib/events/create-event";
import { triggerIntegration } from "@/lib/executions/trigger-integration";
import { createIntegration } from "@/lib/integrations/create-integration";
import { saveAlertSettings } from "@/lib/integrations/save-alert-settings";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { getSuccessRates } from "@/lib/executions/success-rate";
import { lastExecutionsOf } from "@/lib/integrations/last-executions";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { auditRowsFor, makeUser } from "@/lib/testing/factories";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import { waitFor } from "@/lib/testing/worker-process";

let admin: Awaited<ReturnType<typeof makeUser>>;
const bed = deliveryTestBed();

beforeAll(async () => {
  admin = await makeUser("adminTrigger");
  await bed.worker({ PORTAL_WORKER_CONCURRENCY: "4" });
});

async function integration(input: { connectorType?: "slack"; platform?: "custom" }, url: string) {
  const created = await createIntegration({ ctx: admin.ctx, input: { name: `Alerts ${randomUUID().slice(0, 8)}`, ...input } });
  await saveWebhookConfig({ ctx: admin.ctx, integrationId: created.id, input: { url, enabled: true, timeoutSeconds: 5 } });
  bed.track(created.id);
  return created;
}

describe("failure alerts", () => {
  it("alerts a Slack channel once when failures reach the threshold and once when the policy disables a subscription", async () => {
    const failing = await bed.receiver((_q, res) => {
      res.statusCode = 500;
      res.end("down");
    });
    const channel = await bed.receiver();
    const source = await integration({ platform: "custom" }, failing.url);
    const slack = await integration({ connectorType: "slack" }, `${channel.url}/services/T1/B1/alertsecret`);
    const type = `alerts${randomUUID().replace(/-/g, "").slice(0, 8)}.failed`;
    await createSubscription({
      ctx: admin.ctx,
      integrationId: source.id,
      input: { eventTypes: [type], disableAfterFailures: 2, retrySchedule: null },
    });
    await saveAlertSettings({
      ctx: admin.ctx,
      integrationId: source.id,
      input: { alertIntegrationId: slack.id, alertOnDisable: true, alertFailureThreshold: 2, alertWindowMinutes: 60 },
    });
    expect((await auditRowsFor(source.id)).map((r) => r.action)).toContain("integration.alerts_changed");

    for (const n of [1, 2])
      await createEvent({ ctx: admin.ctx, input: { type, title: `Failure ${n}`, severity: "high", source: "test", details: {} } });
    await waitFor(() => failing.requests.length === 2, 20_000, "two failed deliveries");
    await waitFor(() => channel.requests.length === 2, 20_000, "two alerts");
    const texts = channel.requests.map((r) => (JSON.parse(r.body) as { text: string; blocks: unknown[] }).text).sort();
    expect(texts[0]).toMatch(/^\[critical\] .*: a subscription was disabled$/);
    expect(texts[1]).toMatch(/^\[high\] .*: 2 failed deliveries in 60 min$/);
    expect(channel.requests.every((r) => Array.isArray(JSON.parse(r.body).blocks))).toBe(true);

    // Recorded like any delivery, as alerts, with their portal events.
    await waitFor(
      async () => (await db.attempt.count({ where: { integrationId: slack.id, kind: "alert", status: "succeeded" } })) === 2,
      10_000,
      "alert outcomes",
    );
    const alertAttempts = await db.attempt.findMany({ where: { integrationId: slack.id } });
    const alertEvents = await db.event.findMany({ where: { source: "portal", id: { in: alertAttempts.map((a) => a.eventId!) } } });
    expect(alertEvents.map((e) => e.type).sort()).toEqual(["portal.integration.disabled", "portal.integration.failing"]);
    // They are the alert integration's deliveries: its success rate and last delivery count them.
    expect((await getSuccessRates({ ctx: admin.ctx, integrationId: slack.id })).last24Hours).toMatchObject({ succeeded: 2, finished: 2 });
    expect((await lastExecutionsOf(db, [slack.id])).get(slack.id)?.status).toBe("succeeded");

    // A third failure within the window: no second threshold alert.
    const sent = await triggerIntegration({ ctx: admin.ctx, integrationId: source.id, input: { mode: "default" } });
    expect(sent.attempt.status).toBe("failed");
    await new Promise((r) => setTimeout(r, 1500));
    expect(channel.requests).toHaveLength(2);
  });

  it("refuses alerts through the integration itself, or with nowhere to send them", async () => {
    const r = await bed.receiver();
    const source = await integration({ platform: "custom" }, r.url);
    const self = await saveAlertSettings({
      ctx: admin.ctx,
      integrationId: source.id,
      input: { alertIntegrationId: source.id, alertOnDisable: true },
    }).catch((e: unknown) => e);
    expect((self as AppError).fieldErrors).toHaveProperty("alertIntegrationId");
    const nowhere = await saveAlertSettings({
      ctx: admin.ctx,
      integrationId: source.id,
      input: { alertIntegrationId: null, alertFailureThreshold: 3 },
    }).catch((e: unknown) => e);
    expect((nowhere as AppError).code).toBe("validation_failed");
    const reader = await makeUser("reader");
    const refused = await saveAlertSettings({ ctx: reader.ctx, integrationId: source.id, input: { alertIntegrationId: null } }).catch(
      (e: unknown) => e,
    );
    expect((refused as AppError).code).toBe("forbidden");
  });
});
