import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateSigningSecret, newMessageId, signMessage } from "./signing";

function headersFor(msgId: string, timestamp: Date, signature: string) {
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

describe("generateSigningSecret", () => {
  it("returns whsec_ and 32 random bytes in base64", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(secret);
  });
});

describe("signMessage", () => {
  const msgId = newMessageId();
  const timestamp = new Date();
  const body = JSON.stringify({ type: "webhook.test", data: { message: "héllo" } });

  it("produces a signature that Standard Webhooks verifies", () => {
    const secret = generateSigningSecret();
    const signature = signMessage({ secrets: [secret], msgId, timestamp, body });
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headersFor(msgId, timestamp, signature))).toEqual(JSON.parse(body));
  });

  it("signs with every secret during a rotation", () => {
    const [oldSecret, newSecret] = [generateSigningSecret(), generateSigningSecret()];
    const signature = signMessage({ secrets: [oldSecret, newSecret], msgId, timestamp, body });
    expect(signature.split(" ")).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) {
      expect(() => new Webhook(secret).verify(body, headersFor(msgId, timestamp, signature))).not.toThrow();
    }
    expect(() => new Webhook(generateSigningSecret()).verify(body, headersFor(msgId, timestamp, signature))).toThrow();
  });

  it("signs an empty body", () => {
    const secret = generateSigningSecret();
    const signature = signMessage({ secrets: [secret], msgId, timestamp, body: "" });
    expect(new Webhook(secret).verify("", headersFor(msgId, timestamp, signature))).toBeUndefined();
    expect(() => new Webhook(secret).verify("{}", headersFor(msgId, timestamp, signature))).toThrow();
  });

  it("requires at least one secret", () => {
    expect(() => signMessage({ secrets: [], msgId, timestamp, body })).toThrow();
  });
});

describe("newMessageId", () => {
  it("returns msg_ and a 26-character Crockford base32 id", () => {
    expect(newMessageId()).toMatch(/^msg_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it("is unique and sorts in creation order", () => {
    const ids = Array.from({ length: 5000 }, () => newMessageId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("starts with the creation time", async () => {
    const before = newMessageId();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = newMessageId();
    expect(after.slice(0, 14) > before.slice(0, 14)).toBe(true);
  });
});
