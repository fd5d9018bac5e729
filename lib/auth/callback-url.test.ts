import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

const ORIGIN = "http://127.0.0.1:3100";

describe("safeCallbackPath", () => {
  it.each([
    ["/executions/0190a0b0-0000-7000-8000-000000000001", "/executions/0190a0b0-0000-7000-8000-000000000001"],
    ["/events?severity=high#top", "/events?severity=high#top"],
    [`${ORIGIN}/audit-log?action=user.updated`, "/audit-log?action=user.updated"],
  ])("keeps the portal's own %s", (value, expected) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe(expected);
  });

  it.each([
    "/\\127.0.0.2:4101/pwned",
    "/%5C127.0.0.2:4101/pwned",
    "\\\\evil.example/x",
    "//evil.example/x",
    "/\t/evil.example/x",
    "https://evil.example/",
    "http://127.0.0.1:3101/",
    "javascript:alert(1)",
    "/sign-in?callbackUrl=//evil.example",
    "",
    undefined,
    ["/a", "/b"] as unknown as string,
  ])("refuses %j", (value) => {
    const path = safeCallbackPath(value, ORIGIN);
    expect(path === "/integrations" || new URL(path, ORIGIN).origin === ORIGIN).toBe(true);
    expect(path.startsWith("//")).toBe(false);
    expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
  });

  it("sends a backslash trick to the default page", () => {
    expect(safeCallbackPath("/\\127.0.0.2:4101/pwned", ORIGIN)).toBe("/integrations");
  });
});
