import { describe, expect, it } from "vitest";
import { redactDeliveryResult } from "./redact";
import type { DeliveryResult } from "./transport";

const TOKEN = "Canary+tok-9f3e2a7b1c5d8e";

const result = (overrides: Partial<DeliveryResult>): DeliveryResult => ({
  ok: true,
  status: 200,
  headers: {},
  body: "",
  bodyBinary: false,
  bodyBytes: 0,
  truncated: false,
  durationMs: 1,
  errorClass: null,
  errorMessage: null,
  ...overrides,
});

describe("redactDeliveryResult", () => {
  it("masks the secret in the error message and Location, clear or percent-encoded", () => {
    const location = `http://evil.example/?t=${TOKEN}&u=${encodeURIComponent(TOKEN)}`;
    const r = redactDeliveryResult(
      result({ ok: false, errorClass: "redirect", errorMessage: `Receiver redirected to ${location}.`, location }),
      TOKEN,
    );
    expect(r.errorMessage).toBe("Receiver redirected to http://evil.example/?t=••••5d8e&u=••••5d8e.");
    expect(r.location).not.toContain("9f3e2a7b");
  });

  it("masks header names (lower-cased by the transport) and values", () => {
    const r = redactDeliveryResult(result({ headers: { [`x-${TOKEN.toLowerCase()}`]: `Bearer ${TOKEN}` } }), TOKEN);
    expect(r.headers).toEqual({ "x-••••5d8e": "Bearer ••••5d8e" });
  });

  it("masks the secret in the body, and its start where the kept part cuts it", () => {
    expect(redactDeliveryResult(result({ body: `a ${TOKEN} b ${TOKEN}` }), TOKEN).body).toBe("a ••••5d8e b ••••5d8e");
    const cut = `${"x".repeat(100)}${TOKEN.slice(0, 12)}`;
    expect(redactDeliveryResult(result({ body: cut, truncated: true }), TOKEN).body).toBe(`${"x".repeat(100)}••••`);
    // A complete body that merely ends like the token starts is left alone.
    expect(redactDeliveryResult(result({ body: "ends with Can" }), TOKEN).body).toBe("ends with Can");
  });

  it("leaves everything as it is without a secret", () => {
    const r = result({ body: TOKEN });
    expect(redactDeliveryResult(r, null)).toBe(r);
  });
});
