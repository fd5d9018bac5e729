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

describe("redactDeliveryResult, encoded echoes", () => {
  const SLASHY = "Tok/With/Slash+Plus==SECRETA";
  const QUOTED = 'Tok"With\\Quote<&>SECRETB';
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const b64url = (s: string) => Buffer.from(s).toString("base64url");
  const jsonU = (s: string) => Array.from(s, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
  const htmlDec = (s: string) => Array.from(s, (c) => `&#${c.codePointAt(0)};`).join("");
  const htmlHex = (s: string) => Array.from(s, (c) => `&#X${c.codePointAt(0)!.toString(16).toUpperCase()};`).join("");
  const echoes: [string, string, string][] = [
    ["JSON with \\/", SLASHY, JSON.stringify({ t: SLASHY }).replace(/\//g, "\\/")],
    ["JSON \\u escapes", SLASHY, `{"t":"${jsonU(SLASHY)}"}`],
    ["JSON \\u002F for slashes only", SLASHY, `{"t":"${SLASHY.replace(/\//g, "\\u002F")}"}`],
    ["ordinary JSON of a token with quotes", QUOTED, JSON.stringify({ t: QUOTED })],
    ["percent-encoded, lower-case hex", SLASHY, encodeURIComponent(SLASHY).toLowerCase()],
    ["form-encoded", "Tok With Space", "t=Tok+With+Space"],
    ["HTML named entities", QUOTED, QUOTED.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;")],
    ["HTML decimal entities", SLASHY, `<p>${htmlDec(SLASHY)}</p>`],
    ["HTML hexadecimal entities", SLASHY, `<p>${htmlHex(SLASHY)}</p>`],
    ["HTML entity for the slashes only", SLASHY, SLASHY.replace(/\//g, "&#x2f;")],
    ["base64 of the token", SLASHY, b64(SLASHY)],
    ["base64url of the token", SLASHY, b64url(SLASHY)],
    ["base64 of user:token (Basic)", SLASHY, `Basic ${b64(`user:${SLASHY}`)}`],
    ["base64 of a:token", SLASHY, b64(`a:${SLASHY}`)],
    ["base64url of ab:token", SLASHY, b64url(`ab:${SLASHY}`)],
    ["base64 of a JSON echo", SLASHY, b64(JSON.stringify({ authorization: `Bearer ${SLASHY}` }))],
  ];

  it.each(echoes)("masks %s", (_what, secret, echo) => {
    const r = redactDeliveryResult(
      result({ body: `before ${echo} after`, headers: { "x-echo": echo }, location: `http://r.example/?e=${echo}` }),
      secret,
    );
    for (const text of [r.body!, r.headers!["x-echo"], r.location!]) {
      expect(text).toContain("••••");
      expect(text).not.toContain("SECRET");
      expect(text).not.toContain("With");
      expect(text).not.toContain("Space");
      expect(text).not.toContain(echo.slice(Math.floor(echo.length / 2) - 4, Math.floor(echo.length / 2) + 4));
    }
    expect(r.body!.startsWith("before ")).toBe(true);
    expect(r.body!.endsWith(" after")).toBe(true);
  });

  it("masks a custom header value echoed in JSON", () => {
    const value = 'hdr"value\\with/escapes';
    const r = redactDeliveryResult(result({ body: JSON.stringify({ headers: { "x-custom": value } }) }), [TOKEN, value]);
    expect(r.body).toBe('{"headers":{"x-custom":"••••apes"}}');
  });

  it("masks the encoded start of a secret where the 64 KiB cut falls", () => {
    const pad = "x".repeat(100);
    for (const tail of [
      JSON.stringify(SLASHY).slice(0, 8).replace(/\//g, "\\/"),
      jsonU(SLASHY).slice(0, 30),
      encodeURIComponent(SLASHY).slice(0, 9),
      htmlDec(SLASHY).slice(0, 20),
      b64(`user:${SLASHY}`).slice(0, 20),
    ]) {
      const body = redactDeliveryResult(result({ body: `${pad}${tail}`, truncated: true }), SLASHY).body!;
      // What stays before the mask is at most the encoded "user:" and a character it shares.
      expect(body, tail).toMatch(/^x{100}.{0,8}••••$/);
      expect(body, tail).not.toContain("With");
    }
  });

  it("leaves ordinary text alone", () => {
    const text = '{"ok":true,"message":"Tokens with slashes are fine","n":"d2l0aA=="}';
    expect(redactDeliveryResult(result({ body: text }), SLASHY).body).toBe(text);
  });
});
