export interface CurlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The shell variable the bearer token is read from: the stored row only has it masked. */
export const TOKEN_VARIABLE = "WEBHOOK_TOKEN";

/**
 * A POSIX-shell curl command that sends the recorded request again: the same method, URL,
 * headers and body byte for byte, with the bearer token taken from $WEBHOOK_TOKEN. Every value is
 * single-quoted, so nothing in a header or the body is expanded by the shell. The signature and
 * timestamp are the original ones: a receiver that checks freshness will refuse them later on.
 */
export function buildCurlCommand(request: CurlRequest): string {
  const parts = [`curl -X ${shellQuote(request.method)} ${shellQuote(request.url)}`];
  const names = Object.keys(request.headers).map((n) => n.toLowerCase());
  for (const [name, value] of Object.entries(request.headers)) {
    parts.push(
      name.toLowerCase() === "authorization" ? `-H "${name}: Bearer \${${TOKEN_VARIABLE}}"` : `-H ${shellQuote(`${name}: ${value}`)}`,
    );
  }
  // Without a content-type of its own, curl would add application/x-www-form-urlencoded.
  if (!names.includes("content-type")) parts.push(`-H 'content-type:'`);
  parts.push(`--data-binary ${shellQuote(request.body)}`);
  return parts.join(" \\\n  ");
}

/**
 * The command for a recorded attempt, or null when nothing was sent (blocked, skipped, queued):
 * then no request exists to repeat, and a command made of the empty record would be wrong.
 */
export function curlCommandFor(attempt: { sentAt: Date | null; request: CurlRequest }): string | null {
  return attempt.sentAt ? buildCurlCommand(attempt.request) : null;
}

/** Whether the command reads the bearer token from $WEBHOOK_TOKEN (the request carried one). */
export const curlNeedsToken = (request: Pick<CurlRequest, "headers">) =>
  Object.keys(request.headers).some((name) => name.toLowerCase() === "authorization");

/** Single quotes keep everything literal; a quote inside becomes '\'' (close, escaped quote, reopen). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
