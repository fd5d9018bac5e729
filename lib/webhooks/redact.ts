import type { DeliveryResult } from "./transport";

/** What a redacted secret is shown as: its last 4 characters, as the request headers show it. */
export const maskSecret = (secret: string) => `••••${secret.slice(-4)}`;
/** What the visible start of a secret cut off at the end of a kept body is shown as. */
const CUT_MASK = "••••";
/** Base64 of fewer bytes than this is too short to tell from ordinary text; it is not looked for. */
const MIN_BASE64_BYTES = 6;

/**
 * Everything recorded from a receiver — error message (a redirect's Location included), header
 * names and values, body — with every occurrence of each secret (the bearer token, a chat URL's
 * secret part, custom header values) masked, in any letter case and in the encodings a receiver
 * may echo it in: JSON string escapes (`\"`, `\\`, `\/`, `\uXXXX`), percent-encoding, HTML
 * entities (named, decimal, hexadecimal), each character in any of them; and base64 or base64url
 * of the secret alone or inside something longer, such as `user:secret` of Basic auth. A body
 * kept only in part (the 64 KiB cut, a deadline) that ends with the start of a secret, in any of
 * those forms, has that start masked too.
 */
export function redactDeliveryResult(result: DeliveryResult, secrets: string | string[] | null | undefined): DeliveryResult {
  const list = (Array.isArray(secrets) ? secrets : [secrets]).filter((s): s is string => Boolean(s));
  // Longest first, so a secret that contains another is masked whole.
  return list.sort((a, b) => b.length - a.length).reduce(redactOne, result);
}

function redactOne(result: DeliveryResult, secret: string): DeliveryResult {
  const redact = secretRedactor(secret);
  return {
    ...result,
    errorMessage: result.errorMessage === null ? null : redact(result.errorMessage),
    location: result.location == null ? result.location : redact(result.location),
    headers: result.headers && Object.fromEntries(Object.entries(result.headers).map(([name, value]) => [redact(name), redact(value)])),
    body: result.body === null ? null : result.truncated ? maskCutSecret(redact(result.body), secret) : redact(result.body),
  };
}

/** Compiled redactors by secret, most recently used last: building one costs far more than running it. */
const redactors = new Map<string, (text: string) => string>();
const MAX_CACHED_REDACTORS = 256;

/** Replaces every occurrence of `secret`, in clear or encoded (see redactDeliveryResult). */
export function secretRedactor(secret: string): (text: string) => string {
  let redactor = redactors.get(secret);
  if (redactor) redactors.delete(secret);
  else redactor = compileRedactor(secret);
  redactors.set(secret, redactor);
  if (redactors.size > MAX_CACHED_REDACTORS) redactors.delete(redactors.keys().next().value!);
  return redactor;
}

function compileRedactor(secret: string): (text: string) => string {
  const textual = new RegExp(characterForms(secret).join(""), "gi");
  const base64 = base64Cores(secret);
  const encoded = base64.length > 0 ? new RegExp(base64.map(escapeRegExp).join("|"), "g") : null;
  const mask = maskSecret(secret);
  return (text) => {
    const masked = text.replace(textual, mask);
    return encoded ? masked.replace(encoded, mask) : masked;
  };
}

/** For each character of the secret, a regular expression group matching any of its forms. */
function characterForms(secret: string): string[] {
  return Array.from(secret, (ch) => `(?:${[...new Set(formsOf(ch))].join("|")})`);
}

const JSON_SHORT: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "/": "\\/",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};
const HTML_NAMED: Record<string, string[]> = {
  '"': ["&quot;"],
  "&": ["&amp;"],
  "<": ["&lt;"],
  ">": ["&gt;"],
  "'": ["&apos;", "&#39;"],
  "/": ["&sol;"],
  "+": ["&plus;"],
  "=": ["&equals;"],
  ":": ["&colon;"],
  "%": ["&percnt;"],
  "#": ["&num;"],
  "!": ["&excl;"],
  "?": ["&quest;"],
  $: ["&dollar;"],
  "(": ["&lpar;"],
  ")": ["&rpar;"],
  "*": ["&ast;"],
  ",": ["&comma;"],
  ".": ["&period;"],
  ";": ["&semi;"],
  "@": ["&commat;"],
  "[": ["&lsqb;"],
  "]": ["&rsqb;"],
  "\\": ["&bsol;"],
  "^": ["&Hat;"],
  _: ["&lowbar;"],
  "`": ["&grave;"],
  "{": ["&lcub;"],
  "}": ["&rcub;"],
  "|": ["&vert;"],
  "~": ["&tilde;"],
};

/** Regular-expression sources for one character: itself, JSON-escaped, percent-encoded, an HTML entity. */
function formsOf(ch: string): string[] {
  const codePoint = ch.codePointAt(0)!;
  const units = Array.from({ length: ch.length }, (_, i) => ch.charCodeAt(i));
  const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
  const utf8 = [...Buffer.from(ch, "utf8")];
  return [
    escapeRegExp(ch),
    ...(JSON_SHORT[ch] ? [escapeRegExp(JSON_SHORT[ch])] : []),
    units.map((u) => `\\\\u${hex(u, 4)}`).join(""),
    utf8.map((b) => `%${hex(b, 2)}`).join(""),
    ...(ch === " " ? ["\\+"] : []),
    `&#0*${codePoint};`,
    `&#x0*${hex(codePoint, 1)};`,
    ...(HTML_NAMED[ch] ?? []).map(escapeRegExp),
  ];
}

/**
 * The base64 and base64url characters that depend on the secret's bytes alone, for each of the
 * three places it can start at within a 3-byte group — so it is found however much comes before
 * it (`user:`, a JSON prefix …). The one or two characters it shares with its neighbours are not
 * part of it, and stay.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  if (bytes.length < MIN_BASE64_BYTES) return [];
  const cores = new Set<string>();
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    const core = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
    cores.add(core);
    cores.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...cores].sort((a, b) => b.length - a.length);
}

/** The start of one encoded character, cut off by the end of the kept part: `\u00`, `%2`, `&#4` … */
const PARTIAL_FORM = "(?:\\\\(?:u[0-9a-f]{0,3})?|%[0-9a-f]?|&#?x?[0-9a-z]*)?";

/**
 * A kept part that ends with the first characters of the secret (in clear or encoded), or with
 * the first characters of its base64: those are masked.
 */
function maskCutSecret(body: string, secret: string): string {
  let cut = body.length;
  const forms = characterForms(secret).slice(0, -1);
  if (forms.length > 0) {
    const prefix = forms.reduceRight((rest, form) => `${form}(?:${rest})?`);
    const start = new RegExp(`(?:${prefix})${PARTIAL_FORM}$`, "i").exec(body);
    if (start) cut = start.index;
  }
  for (const core of base64Cores(secret)) {
    for (let length = core.length - 1; length >= 4 && body.length - length < cut; length--) {
      if (body.endsWith(core.slice(0, length))) cut = body.length - length;
    }
  }
  return cut < body.length ? body.slice(0, cut) + CUT_MASK : body;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
