import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createIntegration } from "@/lib/integrations/create-integration";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { makeUser } from "@/lib/testing/factories";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";
import { listTriggerTargets } from "./list-trigger-targets";
import { previewTrigger } from "./preview-trigger";
import { triggerIntegration } from "./trigger-integration";

const TOKEN = "preview-bearer-51c9";
let admin: Awaited<ReturnType<typeof makeUser>>;
let triggerer: Awaited<ReturnType<typeof makeUser>>;
let receiver: Receiver;

beforeAll(async () => {
  admin = await makeUser("admin");
  triggerer = await makeUser("trigger");
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

async function integration(config: { enabled?: boolean; bearerToken?: string | null } = {}) {
  const created = await createIntegration({ ctx: admin.ctx, input: { name: `Preview ${randomUUID().slice(0, 8)}`, platform: "custom" } });
  await saveWebhookConfig({
    ctx: admin.ctx,
    integrationId: created.id,
    input: {
      url: receiver.url,
      enabled: config.enabled ?? true,
      timeoutSeconds: 5,
      bearerToken: config.bearerToken === undefined ? TOKEN : config.bearerToken,
    },
  });
  return created;
}

const makeEvent = () =>
  db.event.create({
    data: {
      type: "invoice.overdue",
      title: "Invoice 77 overdue",
      severity: "medium",
      source: "billing",
      occurredAt: new Date("2026-10-02T08:30:00Z"),
      details: { invoice: 77, amount: "12.50" },
    },
  });

/** The last request the receiver got, after a trigger through the real engine. */
async function sent(integrationId: string, input: Parameters<typeof triggerIntegration>[0]["input"]) {
  const before = receiver.requests.length;
  const { attempt } = await triggerIntegration({ ctx: triggerer.ctx, integrationId, input });
  expect(attempt.status).toBe("succeeded");
  expect(receiver.requests).toHaveLength(before + 1);
  return receiver.requests.at(-1)!;
}

describe("previewTrigger", () => {
  it("default mode: shows what the trigger then sends, with an empty body and the token masked", async () => {
    const { id } = await integration();
    const before = receiver.requests.length;
    const preview = await previewTrigger({ ctx: triggerer.ctx, integrationId: id, input: { mode: "default" } });
    expect(receiver.requests).toHaveLength(before);
    expect(preview).toMatchObject({ method: "POST", url: receiver.url, body: "", contentType: null });
    expect(preview.bodyNote).toBeUndefined();

    const request = await sent(id, { mode: "default" });
    expect(request.method).toBe(preview.method);
    expect(`http://localhost:${receiver.port}${request.url}`).toBe(preview.url);
    expect(request.body).toBe(preview.body);
    const headers = Object.fromEntries(preview.headers.map((h) => [h.name, h]));
    for (const name of Object.keys(headers)) expect(request.headers[name], name).toBeDefined();
    expect(headers["user-agent"].value).toBe(request.headers["user-agent"]);
    expect(headers.authorization.value).toBe("Bearer ••••51c9");
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.stringify(preview)).not.toContain(TOKEN);
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      expect(headers[name]).toEqual({ name, value: "", note: "Computed at send time" });
    }
  });

  it("event mode: the same envelope as sent, but for its timestamp, set at send time", async () => {
    const { id } = await integration({ bearerToken: null });
    const event = await makeEvent();
    const input = { mode: "event", eventId: event.id } as const;
    const preview = await previewTrigger({ ctx: triggerer.ctx, integrationId: id, input });
    expect(preview.contentType).toBe("application/json");
    expect(preview.bodyNote).toBe("The timestamp is set at send time.");
    expect(preview.headers.map((h) => h.name)).not.toContain("authorization");

    const request = await sent(id, input);
    expect(preview.headers.map((h) => h.name).sort()).toEqual(
      Object.keys(request.headers)
        .filter((n) => !["host", "content-length", "connection"].includes(n))
        .sort(),
    );
    expect(request.headers["content-type"]).toBe(preview.contentType);
    const { timestamp: previewed, ...previewRest } = JSON.parse(preview.body) as { timestamp: string };
    const { timestamp: actual, ...sentRest } = JSON.parse(request.body) as { timestamp: string };
    expect(sentRest).toEqual(previewRest);
    expect(new Date(actual).getTime()).toBeGreaterThanOrEqual(new Date(previewed).getTime());
    expect(previewRest).toMatchObject({
      type: "invoice.overdue",
      data: { event: { id: event.id }, triggeredBy: { id: triggerer.user.id } },
    });
  });

  it("is refused without the trigger permission, and for what a trigger refuses", async () => {
    const { id } = await integration();
    const reader = await makeUser("reader");
    await expect(previewTrigger({ ctx: reader.ctx, integrationId: id, input: { mode: "default" } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(previewTrigger({ ctx: admin.ctx, integrationId: id, input: { mode: "default" } })).rejects.toMatchObject({
      code: "forbidden",
    });

    const disabled = await integration({ enabled: false });
    await expect(previewTrigger({ ctx: triggerer.ctx, integrationId: disabled.id, input: { mode: "default" } })).rejects.toMatchObject({
      code: "webhook_disabled",
    });
    const bare = await createIntegration({ ctx: admin.ctx, input: { name: `Bare ${randomUUID().slice(0, 8)}`, platform: "n8n" } });
    await expect(previewTrigger({ ctx: triggerer.ctx, integrationId: bare.id, input: { mode: "default" } })).rejects.toMatchObject({
      code: "webhook_not_configured",
    });
    await expect(
      previewTrigger({ ctx: triggerer.ctx, integrationId: id, input: { mode: "event", eventId: randomUUID() } }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("listTriggerTargets", () => {
  it("lists only integrations with an enabled webhook, for users who may trigger", async () => {
    const enabled = await integration();
    const disabled = await integration({ enabled: false });
    const ids = (await listTriggerTargets({ ctx: triggerer.ctx })).map((t) => t.id);
    expect(ids).toContain(enabled.id);
    expect(ids).not.toContain(disabled.id);
    const reader = await makeUser("reader");
    await expect(listTriggerTargets({ ctx: reader.ctx })).rejects.toMatchObject({ code: "forbidden" });
  });
});
