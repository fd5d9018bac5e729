import { z } from "zod";

/**
 * Text PostgreSQL can store: no NUL (text and jsonb refuse it) and no unpaired UTF-16 surrogate
 * (it has no UTF-8 form; jsonb refuses its escape). Anything else is the schema's business.
 */
export const isStorableText = (value: string) => !value.includes("\0") && value.isWellFormed();

const UNSTORABLE = "Remove NUL characters and unpaired surrogates";

/** A string schema that refuses text PostgreSQL cannot store; use it instead of z.string(). */
export const text = () => z.string().refine(isStorableText, { message: UNSTORABLE, abort: true });

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
