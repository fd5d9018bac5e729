import { createHmac, timingSafeEqual } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateSigningSecret } from "@/lib/webhooks/signing";
import { buildRequestHeaders } from "./request-headers";

const secret = generateSigningSecret();
const body = JSON.stringify({ type: "order.created", data: { id: 42, note: "Zoë 😀" } });
const now = new Date();
const base = { messageId: "msg_01TEST", body, secrets: [secret], bearerToken: null, userAgent: "Portal/1.0", now };

/** What a receiver's documentation shows: an HMAC of the raw body with the shared secret, compared in constant time. */
const hmacMatches = (header: string, key: string) => {
  const expected = Buffer.from(`sha256=${createHmac("sha256", key).update(body).digest("hex")}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
};

describe("signature styles, each checked by an independent verifier", () => {
  it("Standard Webhooks: the standardwebhooks package verifies it", () => {
    const { headers } = buildRequestHeaders(base);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(Object.keys(headers)).not.toContain("x-webhook-signature");
  });

  it("X-Webhook-Signature: sha256=<hex HMAC of the body>, with X-Webhook-ID and X-Webhook-Timestamp", () => {
    const { headers } = buildRequestHeaders({ ...base, signatureStyle: "x-webhook-signature" });
    expect(hmacMatches(headers["x-webhook-signature"], secret)).toBe(true);
    expect(hmacMatches(headers["x-webhook-signature"], generateSigningSecret())).toBe(false);
    expect(headers["x-webhook-id"]).toBe("msg_01TEST");
    expect(headers["x-webhook-timestamp"]).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(Object.keys(headers).some((h) => h.startsWith("webhook-"))).toBe(false);
  });

  it("GitHub: X-Hub-Signature-256 over the body", () => {
    const { headers } = buildRequestHeaders({ ...base, signatureStyle: "github" });
    expect(hmacMatches(headers["x-hub-signature-256"], secret)).toBe(true);
    expect(headers["x-github-delivery"]).toBe("msg_01TEST");
  });
});

describe("custom headers and the bearer token", () => {
  it("sends their values and records them masked", () => {
    const { headers, recordedHeaders } = buildRequestHeaders({
      ...base,
      bearerToken: "tok-1234567890",
      customHeaders: [{ name: "X-Api-Key", value: "key-abcdefgh" }],
    });
    expect(headers["x-api-key"]).toBe("key-abcdefgh");
    expect(headers.authorization).toBe("Bearer tok-1234567890");
    expect(recordedHeaders["x-api-key"]).toBe("••••efgh");
    expect(recordedHeaders.authorization).toBe("Bearer ••••7890");
    expect(JSON.stringify(recordedHeaders)).not.toMatch(/key-abcd|tok-1234/);
  });
});
