// Default mode's body is the webhook's choice: nothing (the default), or {} for receivers whose
// verifier refuses an empty body. The same for a manual trigger and an automatic delivery, signed
// as sent, and refused for connector types that send their own message.
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEvent } from "@/lib/events/create-event";
import { createIntegration } from "@/lib/integrations/create-integration";
import { revealSigningSecret } from "@/lib/integrations/reveal-signing-secret";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { makeUser } from "@/lib/testing/factories";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";
import { triggerIntegration } from "./trigger-integration";

let admin: Awaited<ReturnType<typeof makeUser>>;
let receiver: Receiver;
beforeAll(async () => {
  admin = await makeUser("adminTrigger");
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

async function integration(defaultModeBody?: "empty" | "empty-object") {
  const created = await createIntegration({ ctx: admin.ctx, input: { name: `Default ${randomUUID().slice(0, 8)}`, platform: "n8n" } });
  const view = await saveWebhookConfig({
    ctx: admin.ctx,
    integrationId: created.id,
    input: { url: receiver.url, enabled: true, timeoutSeconds: 5, ...(defaultModeBody && { defaultModeBody }) },
  });
  return { id: created.id, view };
}

describe("the body of a default-mode send", () => {
  it("is empty unless the webhook chose {}; either way it verifies as sent", async () => {
    for (const choice of [undefined, "empty-object"] as const) {
      const { id, view } = await integration(choice);
      expect(view.defaultModeBody).toBe(choice ?? "empty");
      const { attempt } = await triggerIntegration({ ctx: admin.ctx, integrationId: id, input: { mode: "default" } });
      expect(attempt.status).toBe("succeeded");
      const got = receiver.requests.at(-1)!;
      expect(got.body).toBe(choice ? "{}" : "");
      expect(got.headers["content-type"]).toBe(choice ? "application/json" : undefined);
      const { secret } = await revealSigningSecret({ ctx: admin.ctx, integrationId: id });
      expect(() => new Webhook(secret).verify(got.body, got.headers)).not.toThrow();
    }
  });

  it("is the same for an automatic delivery of a default-mode subscription", async () => {
    const { id } = await integration("empty-object");
    const type = `default${randomUUID().slice(0, 6)}.body`;
    await createSubscription({ ctx: admin.ctx, integrationId: id, input: { eventTypes: [type], mode: "default" } });
    const event = await createEvent({ ctx: admin.ctx, input: { type, title: "Default body", severity: "low", source: "test" } });
    const message = await db.message.findFirstOrThrow({ where: { eventId: event.id, integrationId: id } });
    expect(message.body).toBe("{}");
  });

  it("is refused for a connector type that sends its own message", async () => {
    const slack = await createIntegration({ ctx: admin.ctx, input: { name: `Slack ${randomUUID().slice(0, 8)}`, connectorType: "slack" } });
    await expect(
      saveWebhookConfig({
        ctx: admin.ctx,
        integrationId: slack.id,
        input: { url: "https://hooks.slack.com/services/T0/B0/abc", enabled: true, defaultModeBody: "empty-object" },
      }),
    ).rejects.toMatchObject({ code: "validation_failed", fieldErrors: { defaultModeBody: [expect.stringContaining("Slack")] } });
  });
});
