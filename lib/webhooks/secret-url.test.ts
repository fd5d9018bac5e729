import { describe, expect, it } from "vitest";
import { customHeaderNameProblem, customHeaderValueProblem } from "./custom-headers";
import { maskSecretUrl, secretUrlParts } from "./secret-url";

describe("maskSecretUrl", () => {
  it.each([
    ["https://hooks.slack.com/services/T0001/B0001/XXXXsecretXXXX", "https://hooks.slack.com/services/T0001/B0001/••••", "XXXXsecretXXXX"],
    ["https://discord.com/api/webhooks/123456/tok_en-secret", "https://discord.com/api/webhooks/123456/••••", "tok_en-secret"],
    ["https://hooks.zapier.com/hooks/catch/123/abcdef/", "https://hooks.zapier.com/hooks/catch/123/••••/", "abcdef"],
  ])("masks the secret path part of %s", (url, masked, secret) => {
    expect(maskSecretUrl(url)).toBe(masked);
    expect(secretUrlParts(url)).toContain(secret);
  });

  it("masks a Teams Workflows signature in the query", () => {
    const url =
      "https://prod-01.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=S3cr3tS1gnature";
    const masked = maskSecretUrl(url);
    expect(masked).not.toContain("S3cr3tS1gnature");
    expect(masked).toContain("sig=••••");
    expect(masked).toContain("api-version=2016-06-01");
    expect(secretUrlParts(url)).toContain("S3cr3tS1gnature");
  });

  it("never returns an unparsable URL", () => {
    expect(maskSecretUrl("not a url with secret")).toBe("••••");
  });
});

describe("custom header rules", () => {
  it.each([
    "Host",
    "Content-Length",
    "Transfer-Encoding",
    "Connection",
    "webhook-signature",
    "Webhook-Id",
    "Authorization",
    "X-Hub-Signature-256",
    "bad name",
    "ünicode",
  ])("refuses %s", (name) => {
    expect(customHeaderNameProblem(name)).not.toBeNull();
  });
  it("accepts an ordinary name, refuses CR/LF and NUL in values", () => {
    expect(customHeaderNameProblem("X-Api-Key")).toBeNull();
    expect(customHeaderValueProblem("a\r\nInjected: 1")).not.toBeNull();
    expect(customHeaderValueProblem("a\u0000b")).not.toBeNull();
    expect(customHeaderValueProblem("plain value\twith tab")).toBeNull();
  });
});
