// Connector types end to end: each platform's message sent by hand and by a real worker to a
// local receiver that checks the shape that platform requires, as the platform would.
process.env.PORTAL_MAX_INTEGRATIONS_TEAMS = "2";

import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ZodError } from "zod";
import { AppError, toErrorBody } from "@/lib/errors";
import { createEvent } from "@/lib/events/create-event";
import { getExecution } from "@/lib/executions/get-execution";
import { previewTrigger } from "@/lib/executions/preview-trigger";
import { sendTestWebhook } from "@/lib/executions/send-test-webhook";
import { triggerIntegration } from "@/lib/executions/trigger-integration";
import { runMaintenance } from "@/lib/delivery/maintenance";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { auditRowsFor, makeUser } from "@/lib/testing/factories";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import type { ReceivedRequest, Receiver } from "@/lib/testing/receiver";
import { waitFor } from "@/lib/testing/worker-process";
import type { ConnectorType } from "@/lib/webhooks/connector-types";
import { createIntegration } from "./create-integration";
import { getIntegration } from "./get-integration";
import { listConnectorTypes } from "./list-connector-types";
import { saveWebhookConfig } from "./save-webhook-config";
import { updateIntegration } from "./update-integration";

let admin: Awaited<ReturnType<typeof makeUser>>;
const bed = deliveryTestBed();

beforeAll(async () => {
  admin = await makeUser("adminTrigger");
});
afterAll(() => {
  delete process.env.PORTAL_MAX_INTEGRATIONS_TEAMS;
});

/** What each platform refuses, as it answers: 400 with its reason. */
const PLATFORM_CHECKS: Record<Exclude<ConnectorType, "standard">, (body: unknown) => string | null> = {
  slack: (b) => {
    const m = b as { text?: unknown; blocks?: { type: string }[] };
    if (typeof m.text !== "string" && !Array.isArray(m.blocks)) return "no_text";
    if (Array.isArray(m.blocks) && m.blocks.length > 50) return "invalid_blocks";
    return null;
  },
  discord: (b) => {
    const m = b as {
      content?: string;
      embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }[];
    };
    if (!m.content && !m.embeds?.length) return "Cannot send an empty message";
    const chars = (m.embeds ?? []).reduce(
      (n, e) =>
        n +
        (e.title?.length ?? 0) +
        (e.description?.length ?? 0) +
        (e.footer?.text.length ?? 0) +
        (e.fields ?? []).reduce((k, f) => k + f.name.length + f.value.length, 0),
      0,
    );
    return chars > 6000 ? "Embed size exceeds maximum size of 6000" : null;
  },
  teams: (b) => {
    const m = b as { type?: string; attachments?: { contentType: string; content?: { type?: string } }[] };
    const card = m.attachments?.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive");
    return m.type === "message" && card?.content?.type === "AdaptiveCard"
      ? null
      : "The request body is not a message with an Adaptive Card attachment";
  },
  zapier: (b) =>
    b && typeof b === "object" && Object.values(b).every((v) => v === null || typeof v !== "object" || Array.isArray(v)) ? null : "nested",
};

async function platformReceiver(type: Exclude<ConnectorType, "standard">) {
  const r = await bed.receiver((_req: IncomingMessage, res: ServerResponse, received: ReceivedRequest) => {
    let problem: string | null;
    try {
      problem = PLATFORM_CHECKS[type](JSON.parse(received.body));
    } catch {
      problem = "invalid_payload";
    }
    res.statusCode = problem ? 400 : 200;
    res.end(problem ?? "ok");
  });
  return r;
}

const SECRET_PART = "Zz9SecretPathPart";

async function connector(type: Exclude<ConnectorType, "standard">, r: Receiver) {
  const integration = await createIntegration({
    ctx: admin.ctx,
    input: { name: `${type} ${randomUUID().slice(0, 8)}`, connectorType: type },
  });
  bed.track(integration.id);
  const url = `${r.url}/services/T01/B01/${SECRET_PART}`;
  await saveWebhookConfig({ ctx: admin.ctx, integrationId: integration.id, input: { url, enabled: true, timeoutSeconds: 5 } });
  return integration;
}

const ingest = (type: string, title = "Payment failed for <!channel> @everyone") =>
  createEvent({
    ctx: admin.ctx,
    input: { type, title, severity: "critical", source: "billing", details: { order: { id: 7, lines: [{ sku: "A" }] } } },
  });

describe("connector types", () => {
  it("lists each type with setup steps and fields", async () => {
    const { data } = await listConnectorTypes({ ctx: admin.ctx });
    expect(data.map((t) => t.type)).toEqual(["standard", "slack", "discord", "teams", "zapier"]);
    const slack = data.find((t) => t.type === "slack")!;
    expect(slack.setupSteps.length).toBeGreaterThan(1);
    expect(slack.fields.find((f) => f.key === "url")).toMatchObject({ type: "url", required: true, sensitive: true });
    expect(data.find((t) => t.type === "standard")!.fields.map((f) => f.key)).toEqual(
      expect.arrayContaining(["url", "bearerToken", "signatureStyle", "method", "headers"]),
    );
  });

  for (const type of ["slack", "discord", "teams", "zapier"] as const) {
    it(`${type}: a manual trigger and a test send arrive in the shape the platform requires; the URL is a secret`, async () => {
      const r = await platformReceiver(type);
      const integration = await connector(type, r);
      expect(integration).toMatchObject({ connectorType: type, platform: type });
      const event = await ingest(`conn.${type}`);

      const preview = await previewTrigger({ ctx: admin.ctx, integrationId: integration.id, input: { mode: "event", eventId: event.id } });
      const sent = await triggerIntegration({ ctx: admin.ctx, integrationId: integration.id, input: { mode: "event", eventId: event.id } });
      expect(sent.attempt).toMatchObject({ status: "succeeded", response: { status: 200 } });
      expect(r.requests[0].url).toBe(`/hook/services/T01/B01/${SECRET_PART}`);
      // The preview shows the body that is sent (but for a send-time timestamp).
      const strip = (body: string) => body.replace(/"(timestamp)":"[^"]+"/g, '"$1":""');
      expect(strip(preview.body)).toBe(strip(r.requests[0].body));
      expect(preview.url).not.toContain(SECRET_PART);

      const test = await sendTestWebhook({ ctx: admin.ctx, integrationId: integration.id });
      expect(test).toMatchObject({ status: "succeeded", response: { status: 200 } });
      expect(r.requests[1].body).toMatch(/Test from|test webhook from/);

      // Never in clear after saving: not in the view, the history, the audit log.
      const detail = await getIntegration({ ctx: admin.ctx, id: integration.id });
      expect(detail.webhook).toMatchObject({ urlIsSecret: true });
      expect(detail.webhook!.url).toContain("••••");
      const execution = await getExecution({ ctx: admin.ctx, id: sent.attempt.id });
      const stored = await db.webhookConfig.findUniqueOrThrow({ where: { integrationId: integration.id } });
      const audit = await auditRowsFor(integration.id);
      for (const text of [JSON.stringify(detail), JSON.stringify(execution), JSON.stringify(audit), stored.url])
        expect(text).not.toContain(SECRET_PART);
      expect(stored.urlEnc).not.toContain(SECRET_PART);
    });
  }

  it("the platform checks can fail: a Slack receiver refuses the standard envelope, a Discord one an oversized embed", async () => {
    expect(PLATFORM_CHECKS.slack({ type: "x", data: {} })).not.toBeNull();
    expect(PLATFORM_CHECKS.discord({ embeds: [{ title: "t", description: "d".repeat(6001) }] })).not.toBeNull();
    expect(PLATFORM_CHECKS.teams({ type: "message", attachments: [] })).not.toBeNull();
    // And through HTTP: a Slack connector turned standard sends the envelope, which Slack refuses.
    const r = await platformReceiver("slack");
    const integration = await connector("slack", r);
    await updateIntegration({ ctx: admin.ctx, id: integration.id, input: { connectorType: "standard", platform: "custom" } });
    const event = await ingest("conn.standard");
    const sent = await triggerIntegration({ ctx: admin.ctx, integrationId: integration.id, input: { mode: "event", eventId: event.id } });
    expect(sent.attempt).toMatchObject({ status: "failed", response: { status: 400 } });
    // Standard again: the URL is no longer a secret and is kept in clear, as standard URLs are.
    expect((await db.webhookConfig.findUniqueOrThrow({ where: { integrationId: integration.id } })).urlEnc).toBeNull();
  });

  it("delivers automatically in each platform's format, through a real worker", async () => {
    await bed.worker({ PORTAL_WORKER_CONCURRENCY: "4" });
    const family = `auto${randomUUID().replace(/-/g, "").slice(0, 8)}`;
    const byType = [] as { type: Exclude<ConnectorType, "standard">; r: Receiver }[];
    for (const type of ["slack", "discord", "zapier"] as const) {
      const r = await platformReceiver(type);
      const integration = await connector(type, r);
      await createSubscription({ ctx: admin.ctx, integrationId: integration.id, input: { eventTypes: [`${family}.*`] } });
      byType.push({ type, r });
    }
    const event = await ingest(`${family}.failed`, "T".repeat(200));
    expect(event.deliveriesQueued).toBe(3);
    await waitFor(() => byType.every(({ r }) => r.requests.length === 1), 20_000, "three deliveries");
    await waitFor(
      async () => (await db.attempt.count({ where: { eventId: event.id, status: "succeeded" } })) === 3,
      10_000,
      "three successes",
    );
    for (const { type, r } of byType) expect(PLATFORM_CHECKS[type](JSON.parse(r.requests[0].body))).toBeNull();
  });

  it("custom headers and signature styles of a standard webhook, values write-only", async () => {
    const r = await bed.receiver();
    const integration = await createIntegration({ ctx: admin.ctx, input: { name: `Std ${randomUUID().slice(0, 8)}`, platform: "custom" } });
    bed.track(integration.id);
    expect(integration.connectorType).toBe("standard");
    const saved = await saveWebhookConfig({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: {
        url: r.url,
        enabled: true,
        method: "PUT",
        signatureStyle: "github",
        headers: [{ name: "X-Api-Key", value: "key-Secret-9876" }],
      },
    });
    expect(saved.headers).toEqual([{ name: "X-Api-Key", valueLast4: "9876" }]);
    expect(JSON.stringify(saved)).not.toContain("key-Secret");
    // Saved again with the header's name only: its value stays.
    await saveWebhookConfig({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { url: r.url, enabled: true, method: "PUT", signatureStyle: "github", headers: [{ name: "X-Api-Key" }] },
    });
    const sent = await triggerIntegration({ ctx: admin.ctx, integrationId: integration.id, input: { mode: "default" } });
    expect(sent.attempt.status).toBe("succeeded");
    expect(r.requests[0]).toMatchObject({ method: "PUT" });
    expect(r.requests[0].headers["x-api-key"]).toBe("key-Secret-9876");
    expect(r.requests[0].headers["x-hub-signature-256"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.stringify(await getExecution({ ctx: admin.ctx, id: sent.attempt.id }))).not.toContain("key-Secret");

    const refused = await saveWebhookConfig({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: {
        url: r.url,
        enabled: true,
        headers: [
          { name: "Host", value: "x" },
          { name: "webhook-id", value: "y" },
        ],
      },
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
  });

  it("refuses at save, with a field error, a custom header that could never be sent", async () => {
    const r = await bed.receiver();
    const integration = await createIntegration({ ctx: admin.ctx, input: { name: `Hdr ${randomUUID().slice(0, 8)}`, platform: "custom" } });
    bed.track(integration.id);
    for (const [header, problem] of [
      [{ name: "X-Note", value: "€😀" }, "U+20AC"],
      [{ name: "X-Note", value: "line\u2028separator" }, "U+2028"],
      [{ name: "Expect", value: "100-continue" }, "cannot be added"],
    ] as const) {
      const error = (await saveWebhookConfig({
        ctx: admin.ctx,
        integrationId: integration.id,
        input: { url: r.url, enabled: true, headers: [header] },
      }).catch((e: unknown) => e)) as ZodError | AppError;
      const { fieldErrors } = toErrorBody(error).body;
      expect(JSON.stringify(fieldErrors), header.value).toContain(problem);
    }
    // Latin-1 beyond ASCII is bytes HTTP can carry: it is saved and sent.
    await saveWebhookConfig({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { url: r.url, enabled: true, headers: [{ name: "X-Note", value: "café" }] },
    });
    const sent = await triggerIntegration({ ctx: admin.ctx, integrationId: integration.id, input: { mode: "default" } });
    expect(sent.attempt.status).toBe("succeeded");
    expect(r.requests[0].headers["x-note"]).toBe("café");
  });

  it("a chat connector refuses a token, headers and other styles with field errors", async () => {
    const r = await platformReceiver("slack");
    const integration = await connector("slack", r);
    const error = (await saveWebhookConfig({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { enabled: true, bearerToken: "abcdefgh1234", method: "PUT" },
    }).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["bearerToken", "method"]);
    // Saved without a URL: the stored (secret) URL stays.
    await saveWebhookConfig({ ctx: admin.ctx, integrationId: integration.id, input: { enabled: true, description: "ops" } });
    const sent = await sendTestWebhook({ ctx: admin.ctx, integrationId: integration.id });
    expect(sent.status).toBe("succeeded");
  });

  it("refuses an integration beyond its connector type's limit, also when created at the same time", async () => {
    const existing = await db.integration.count({ where: { connectorType: "teams" } });
    expect(existing).toBe(1); // the Teams test above
    const results = await Promise.allSettled(
      [1, 2, 3].map((n) =>
        createIntegration({ ctx: admin.ctx, input: { name: `Teams limit ${n} ${randomUUID().slice(0, 4)}`, connectorType: "teams" } }),
      ),
    );
    const created = results.filter((r) => r.status === "fulfilled");
    created.forEach((r) => bed.track((r as PromiseFulfilledResult<{ id: string }>).value.id));
    expect(created).toHaveLength(1);
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason as AppError);
    expect(refused.map((e) => e.code)).toEqual(["limit_reached", "limit_reached"]);
    expect(refused[0].message).toContain("at most 2 Microsoft Teams integrations");
    const { data } = await listConnectorTypes({ ctx: admin.ctx });
    expect(data.find((t) => t.type === "teams")!.usage).toMatchObject({ used: 2, limit: 2 });
    expect(data.find((t) => t.type === "teams")!.usage.full).toContain("at most 2");
    expect(data.find((t) => t.type === "slack")!.usage.full).toBeNull();
  });

  it("seals a Zapier URL stored in clear before connector types existed", async () => {
    const integration = await createIntegration({
      ctx: admin.ctx,
      input: { name: `Legacy ${randomUUID().slice(0, 8)}`, platform: "zapier" },
    });
    bed.track(integration.id);
    expect(integration.connectorType).toBe("zapier");
    const url = "https://hooks.zapier.example.com/hooks/catch/123/legacyKey42/";
    // As the migration leaves such a row: URL in clear, nothing encrypted.
    await db.webhookConfig.create({ data: { integrationId: integration.id, url, signingSecretEnc: "x" } });
    await runMaintenance(() => {});
    const sealed = await db.webhookConfig.findUniqueOrThrow({ where: { integrationId: integration.id } });
    expect(sealed.url).not.toContain("legacyKey42");
    expect(sealed.urlEnc).not.toBeNull();
  });
});
