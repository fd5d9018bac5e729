/** Text helpers shared by the message builders: truncation within platform limits. */

export const ELLIPSIS = "…";

/**
 * `text` cut to at most `max` UTF-16 code units (never more characters than a platform counts),
 * ending with "…" when cut; a surrogate pair is never split.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** The details as indented JSON for a code block, at most `max` characters. */
export function detailsExcerpt(details: unknown, max: number): string | null {
  if (details === null || details === undefined) return null;
  if (typeof details === "object" && Object.keys(details).length === 0) return null;
  const json = JSON.stringify(details, null, 2) ?? "";
  return truncate(json.replace(/```/g, "`\u200b`\u200b`"), max);
}

/** Breaks @everyone / @here / @channel style mentions with a zero-width space after the @. */
export const breakMentions = (text: string) => text.replace(/@/g, "@\u200b");
