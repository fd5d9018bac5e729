import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./crypto";

describe("secret encryption", () => {
  it("round-trips and never stores the plaintext", () => {
    const stored = encryptSecret("canary-token-1234");
    expect(stored).not.toContain("canary");
    expect(decryptSecret(stored)).toBe("canary-token-1234");
    expect(encryptSecret("canary-token-1234")).not.toBe(stored); // fresh nonce each time
  });

  it("refuses a tampered value or another key", () => {
    const stored = encryptSecret("secret");
    const parts = stored.split(":");
    parts[3] = Buffer.from("tampered").toString("base64");
    expect(() => decryptSecret(parts.join(":"))).toThrow();
    expect(() => decryptSecret(stored, randomBytes(32))).toThrow();
  });
});
