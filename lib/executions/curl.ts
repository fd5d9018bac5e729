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

/** Single quotes keep everything literal; a quote inside becomes '\'' (close, escaped quote, reopen). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
