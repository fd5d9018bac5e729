// The outbound proxy and client certificates wired through the environment, for a manual send in
// this process and an automatic delivery by a real `npm run worker` process: Debian's tinyproxy
// (with credentials) in front of an https receiver that requires a client certificate.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "@/lib/events/create-event";
import { sendTestWebhook } from "@/lib/executions/send-test-webhook";
import { createIntegration } from "@/lib/integrations/create-integration";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { createSubscription } from "@/lib/subscriptions/create-subscription";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import { makeUser } from "@/lib/testing/factories";
import { startTinyproxy, type Tinyproxy } from "@/lib/testing/tinyproxy";
import { waitFor } from "@/lib/testing/worker-process";

const certs = new URL("../../e2e/fixtures/certs/", import.meta.url).pathname;
const pem = (name: string) => readFileSync(`${certs}${name}`, "utf8");
const bed = deliveryTestBed();
let proxy: Tinyproxy;
let admin: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  proxy = await startTinyproxy({ user: "portal", password: "hooks4proxy" });
  // Read once, at the first send: set before anything in this file sends.
  process.env.PORTAL_WEBHOOK_PROXY = proxy.url;
  process.env.PORTAL_WEBHOOK_CA_FILE = `${certs}ca.pem`;
  admin = await makeUser("admin");
}, 180_000);
afterAll(async () => {
  await proxy?.stop();
});

describe("sends through PORTAL_WEBHOOK_PROXY", () => {
  it("a test send and an automatic delivery both go through the proxy, presenting the client certificate inside the tunnel", async () => {
    const r = await bed.receiver(undefined, { tls: "trusted", requireClientCertificate: true });
    const integration = await createIntegration({
      ctx: admin.ctx,
      input: { name: `Proxied ${randomUUID().slice(0, 8)}`, platform: "custom" },
    });
    bed.track(integration.id);
    await saveWebhookConfig({
      ctx: admin.ctx,
      integrationId: integration.id,
      input: { url: r.url, enabled: true, clientCertificate: { cert: pem("client.pem"), key: pem("client-key.pem") } },
    });
    const type = `proxied${randomUUID().replace(/-/g, "").slice(0, 8)}.sent`;
    await createSubscription({ ctx: admin.ctx, integrationId: integration.id, input: { eventTypes: [type] } });

    const test = await sendTestWebhook({ ctx: admin.ctx, integrationId: integration.id });
    expect(test).toMatchObject({ status: "succeeded" });
    await proxy.waitForLog(new RegExp(`CONNECT localhost:${r.port} HTTP/1\\.1`));

    await bed.worker();
    await createEvent({ ctx: admin.ctx, input: { type, title: "Through the proxy", severity: "high", source: "monitor", details: {} } });
    await waitFor(() => r.requests.length === 2, 20_000, "the automatic delivery");
    expect(r.requests.map((q) => q.clientSubject)).toEqual(["portal-client", "portal-client"]);
    const tunnels = proxy.log().match(new RegExp(`CONNECT localhost:${r.port} HTTP/1\\.1`, "g")) ?? [];
    expect(tunnels.length).toBeGreaterThanOrEqual(2);
    expect(r.requests.every((q) => q.headers["proxy-authorization"] === undefined)).toBe(true);
  });
});
