import { maskSecret } from "@/lib/webhooks/redact";
import { signMessage } from "@/lib/webhooks/signing";

export interface SignedRequest {
  /** What is sent, bearer token included. */
  headers: Record<string, string>;
  /** What is recorded: the same, with the token masked to its last 4 characters. */
  recordedHeaders: Record<string, string>;
}

/**
 * The headers of one attempt, per the Standard Webhooks specification: webhook-id, a
 * webhook-timestamp of this attempt and one signature per active secret, plus the bearer token.
 */
export function buildRequestHeaders(input: {
  messageId: string;
  body: string;
  secrets: string[];
  bearerToken: string | null;
  userAgent: string;
  now: Date;
}): SignedRequest {
  const base: Record<string, string> = {
    "user-agent": input.userAgent,
    ...(input.body !== "" && { "content-type": "application/json" }),
    "webhook-id": input.messageId,
    "webhook-timestamp": String(Math.floor(input.now.getTime() / 1000)),
    "webhook-signature": signMessage({ secrets: input.secrets, msgId: input.messageId, timestamp: input.now, body: input.body }),
  };
  if (!input.bearerToken) return { headers: base, recordedHeaders: base };
  return {
    headers: { ...base, authorization: `Bearer ${input.bearerToken}` },
    recordedHeaders: { ...base, authorization: `Bearer ${maskToken(input.bearerToken)}` },
  };
}

export const maskToken = maskSecret;
