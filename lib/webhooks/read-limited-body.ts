import type { Readable } from "node:stream";
import { bodyText } from "./body-text";

export type LimitedBody = {
  /** The first `maxBytes` bytes as text (see bodyText). */
  body: string;
  /** True when the body is not UTF-8 text: its non-text bytes are escaped in `body`. */
  bodyBinary: boolean;
  /** Bytes received. When truncated, a lower bound of the body's size. */
  bodyBytes: number;
  truncated: boolean;
};

/**
 * Reads a response body keeping at most `maxBytes`. Reading stops as soon as
 * the body is known to be longer (the caller then closes the connection), so a
 * huge or endless answer costs neither memory nor time.
 *
 * A body that fails midway (deadline, reset) is returned as far as it arrived
 * and marked truncated: the status is already known and decides the outcome.
 */
export async function readLimitedBody(stream: Readable, maxBytes: number): Promise<LimitedBody> {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let bodyBytes = 0;
  let complete = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bodyBytes += chunk.length;
      if (keptBytes < maxBytes) {
        const part = chunk.subarray(0, maxBytes - keptBytes);
        kept.push(part);
        keptBytes += part.length;
      }
      if (bodyBytes > maxBytes) break;
    }
    complete = bodyBytes <= maxBytes;
  } catch {
    // Deliberately kept: see the doc comment.
  }
  const { text, binary } = bodyText(Buffer.concat(kept), !complete);
  return { body: text, bodyBinary: binary, bodyBytes, truncated: !complete };
}
