import { z } from "zod";

/**
 * Text PostgreSQL can store: no NUL (text and jsonb refuse it) and no unpaired UTF-16 surrogate
 * (it has no UTF-8 form; jsonb refuses its escape). Anything else is the schema's business.
 */
export const isStorableText = (value: string) => !value.includes("\0") && value.isWellFormed();

const UNSTORABLE = "Remove NUL characters and unpaired surrogates";

/** A string schema that refuses text PostgreSQL cannot store; use it instead of z.string(). */
export const text = () => z.string().refine(isStorableText, { message: UNSTORABLE, abort: true });

/**
 * Characters a one-line label must not hold, because they let one row pose as another in a list:
 * C0 and C1 controls (CR, LF, TAB, BEL …), line and paragraph separators, the bidirectional
 * embeddings, overrides, isolates and marks, and the invisible zero-width space, word joiner and
 * byte-order mark. Zero-width (non-)joiners stay: emoji sequences and several scripts need them.
 */
const NOT_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** The problem with `value` as one line of visible text, or null. */
export function singleLineProblem(value: string): string | null {
  const found = NOT_SINGLE_LINE.exec(value);
  if (!found) return null;
  const codePoint = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return `Remove line breaks, control characters and invisible direction or spacing characters (found U+${codePoint} at character ${found.index + 1})`;
}

/**
 * A string schema for one line of visible text (titles, names, sources): storable, trimmed (so a
 * trailing line break is dropped, not refused), then checked by singleLineProblem.
 */
export const singleLine = () =>
  text()
    .trim()
    .superRefine((value, ctx) => {
      const problem = singleLineProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem, abort: true });
    });

/** True when every string in a JSON value, object keys included, is storable. Iterative: any depth. */
export function isStorableJson(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === "string") {
      if (!isStorableText(node)) return false;
    } else if (node && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (!isStorableText(key)) return false;
        stack.push(child);
      }
    }
  }
  return true;
}
export const UNSTORABLE_JSON = "Remove NUL characters and unpaired surrogates from keys and values";

/** The instants PostgreSQL timestamps and ISO 8601 share: years 1 to 9999 (there is no year 0). */
const MIN_TIME = new Date("0001-01-01T00:00:00.000Z").getTime();
const MAX_TIME = new Date("9999-12-31T23:59:59.999Z").getTime();
export const LATEST_DATE = new Date(MAX_TIME);

export const isStorableDate = (date: Date) => date.getTime() >= MIN_TIME && date.getTime() <= MAX_TIME;
export const DATE_RANGE = "Use a date between the years 0001 and 9999";
