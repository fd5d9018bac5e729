import { describe, expect, it } from "vitest";
import { clientAddress, isAllowedActionOrigin, isTrustedOrigin, type OriginSettings } from "./origin";

const settings: OriginSettings = {
  portalOrigin: "https://portal.example.com",
  trustedOrigins: ["https://admin.example.com"],
  trustProxy: false,
};
const headers = (values: Record<string, string>) => new Headers(values);

describe("isTrustedOrigin", () => {
  it("trusts PORTAL_URL's origin and the listed ones", () => {
    expect(isTrustedOrigin(headers({ origin: "https://portal.example.com" }), settings)).toBe(true);
    expect(isTrustedOrigin(headers({ origin: "https://admin.example.com" }), settings)).toBe(true);
  });

  it.each([
    [{}],
    [{ origin: "null" }],
    [{ origin: "not a url" }],
    [{ origin: "https://evil.example" }],
    [{ origin: "http://portal.example.com" }],
    [{ origin: "https://evil.example", host: "evil.example" }],
    [{ origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }],
  ])("refuses %j", (values) => {
    expect(isTrustedOrigin(headers(values), settings)).toBe(false);
  });

  it("trusts the forwarded host only behind a trusted proxy", () => {
    const forwarded = headers({ origin: "https://portal.internal", "x-forwarded-host": "portal.internal", "x-forwarded-proto": "https" });
    expect(isTrustedOrigin(forwarded, settings)).toBe(false);
    expect(isTrustedOrigin(forwarded, { ...settings, trustProxy: true })).toBe(true);
  });
});

describe("isAllowedActionOrigin", () => {
  it("allows a trusted origin, or the host the request was sent to (as Next does)", () => {
    expect(isAllowedActionOrigin(headers({ origin: "https://portal.example.com", host: "x" }), settings)).toBe(true);
    expect(isAllowedActionOrigin(headers({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }), settings)).toBe(true);
  });

  it.each([
    [{ host: "portal.example.com" }],
    [{ origin: "null", host: "portal.example.com" }],
    [{ origin: "https://evil.example", host: "portal.example.com" }],
    [{ origin: "http://127.0.0.1:3001", host: "127.0.0.1:3000" }],
    [{ origin: "https://evil.example", host: "portal.example.com", "x-forwarded-host": "evil.example" }],
  ])("refuses %j", (values) => {
    expect(isAllowedActionOrigin(headers(values), settings)).toBe(false);
  });
});

describe("clientAddress", () => {
  it("is the first X-Forwarded-For hop; X-Real-IP only behind a trusted proxy", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" }), false)).toBe("203.0.113.9");
    expect(clientAddress(headers({ "x-real-ip": "198.51.100.1" }), false)).toBeNull();
    expect(clientAddress(headers({ "x-real-ip": "198.51.100.1" }), true)).toBe("198.51.100.1");
  });
});
