import { describe, expect, it } from "vitest";
import { bodyText, storableText } from "./body-text";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("bodyText", () => {
  it("keeps UTF-8 text as it is", () => {
    expect(bodyText(bytes('{"ok": "ünïcode ✓ 😀"}\r\n\t\\'), false)).toEqual({ text: '{"ok": "ünïcode ✓ 😀"}\r\n\t\\', binary: false });
  });

  it("escapes NUL, other control bytes and invalid UTF-8, and backslashes, and says it is binary", () => {
    const r = bodyText(bytes("binary", [0x00, 0x01, 0x7f], "\\ ok ", [0xff, 0xc3], "é", [0xed, 0xa0, 0x80], [0xc0, 0xaf]), false);
    expect(r).toEqual({ text: "binary\\x00\\x01\\x7f\\\\ ok \\xff\\xc3é\\xed\\xa0\\x80\\xc0\\xaf", binary: true });
    expect(r.text).not.toContain("\0");
  });

  it("drops a character the cut left incomplete, but only in a truncated body", () => {
    const cut = bytes("abc", [0xe2, 0x9c]); // the first two bytes of ✓
    expect(bodyText(cut, true)).toEqual({ text: "abc", binary: false });
    expect(bodyText(cut, false)).toEqual({ text: "abc\\xe2\\x9c", binary: true });
  });
});

describe("storableText", () => {
  it("escapes NULs and replaces lone surrogates", () => {
    expect(storableText("a\0b\ud800c")).toBe("a\\x00b\ufffdc");
  });
});
