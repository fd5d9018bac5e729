import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildCurlCommand, curlCommandFor, curlNeedsToken, shellQuote } from "./curl";

/** What a POSIX shell makes of the words of a command: each argument on its own, as curl gets it. */
function shellWords(command: string, env: Record<string, string> = {}): string[] {
  const out = execFileSync("sh", ["-c", `printf '%s\\0' ${command.replace(/^curl /, "")}`], {
    env: { ...process.env, WEBHOOK_TOKEN: "", ...env },
  });
  return out.toString("utf8").split("\0").slice(0, -1);
}

const signed = {
  "user-agent": "Webhooks-Portal/1.0",
  "content-type": "application/json",
  "webhook-id": "msg_01JC",
  "webhook-timestamp": "1767225600",
  "webhook-signature": "v1,abc+/=",
  authorization: "Bearer ••••7d1e",
};

describe("buildCurlCommand", () => {
  it("reproduces method, URL, headers and body, with the token from $WEBHOOK_TOKEN", () => {
    const body = `{"note":"it's $HOME and \`id\` \\"quoted\\"\\n","ü":"✓"}`;
    const command = buildCurlCommand({ method: "POST", url: "https://hooks.example/in?a=1&b=2", headers: signed, body });
    expect(command).not.toContain("7d1e");
    expect(shellWords(command, { WEBHOOK_TOKEN: "s3cr3t", HOME: "/nope" })).toEqual([
      "-X",
      "POST",
      "https://hooks.example/in?a=1&b=2",
      "-H",
      "user-agent: Webhooks-Portal/1.0",
      "-H",
      "content-type: application/json",
      "-H",
      "webhook-id: msg_01JC",
      "-H",
      "webhook-timestamp: 1767225600",
      "-H",
      "webhook-signature: v1,abc+/=",
      "-H",
      "authorization: Bearer s3cr3t",
      "--data-binary",
      body,
    ]);
  });

  it("sends an empty body as --data-binary '' and keeps curl from adding a form content type", () => {
    const { "content-type": _json, authorization: _token, ...headers } = signed;
    const command = buildCurlCommand({ method: "POST", url: "https://hooks.example/in", headers, body: "" });
    expect(command).toMatch(/--data-binary ''$/);
    expect(command).not.toContain("WEBHOOK_TOKEN");
    expect(shellWords(command).slice(-4)).toEqual(["-H", "content-type:", "--data-binary", ""]);
  });

  it("puts one option per line for reading", () => {
    expect(buildCurlCommand({ method: "POST", url: "https://x.example/", headers: {}, body: "{}" })).toBe(
      "curl -X 'POST' 'https://x.example/' \\\n  -H 'content-type:' \\\n  --data-binary '{}'",
    );
  });
});

describe("shellQuote", () => {
  it.each(["", "plain", "it's", "'", "''", "$(rm -rf /)", "a\nb", "back\\slash", '"double"'])("%j survives the shell", (value) => {
    expect(shellWords(`curl ${shellQuote(value)}`)).toEqual([value]);
  });
});

describe("curlCommandFor", () => {
  it("has no command for an attempt that was never sent, and asks for the token only when one was sent", () => {
    const never = { method: "POST", url: "https://hooks.example/in", headers: {}, body: "" };
    expect(curlCommandFor({ sentAt: null, request: never })).toBeNull();
    expect(curlNeedsToken(never)).toBe(false);
    const sent = { ...never, headers: { "webhook-id": "msg_1", Authorization: "Bearer ••••7d1e" } };
    expect(curlCommandFor({ sentAt: new Date(), request: sent })).toContain("${WEBHOOK_TOKEN}");
    expect(curlNeedsToken(sent)).toBe(true);
    expect(curlNeedsToken({ headers: { "webhook-id": "msg_1" } })).toBe(false);
  });
});
