import type { SignatureStyle } from "@/lib/webhooks/connector-types";
import type { CustomHeader } from "@/lib/webhooks/custom-headers";
import { maskSecret } from "@/lib/webhooks/redact";
import { isProtectedHeader } from "@/lib/webhooks/transform/protected-headers";
import { hmacSha256Hex, signMessage } from "@/lib/webhooks/signing";

export interface SignedRequest {
  /** What is sent, bearer token and custom header values included. */
  headers: Record<string, string>;
  /** What is recorded: the same, with the token and custom header values masked to their last 4 characters. */
  recordedHeaders: Record<string, string>;
}

/**
 * The headers of one attempt: the signature headers of the integration's style (Standard
 * Webhooks by default: webhook-id, a webhook-timestamp of this attempt and one signature per
 * active secret), the admin's custom headers, the bearer token and, when asked for, the W3C
 * traceparent of the send's span.
 */
export function buildRequestHeaders(input: {
  messageId: string;
  body: string;
  secrets: string[];
  bearerToken: string | null;
  userAgent: string;
  now: Date;
  signatureStyle?: SignatureStyle;
  customHeaders?: CustomHeader[];
  /** Set by the message's transformation: sent and recorded as they are (never a protected header). */
  transformedHeaders?: Record<string, string> | null;
  /** The W3C traceparent of this send's span, when the webhook asks for one: sent and recorded. */
  traceparent?: string | null;
}): SignedRequest {
  const base: Record<string, string> = {
    "user-agent": input.userAgent,
    ...(input.body !== "" && { "content-type": "application/json" }),
    ...signatureHeaders(input.signatureStyle ?? "standard-webhooks", input),
  };
  const headers = { ...base };
  const recorded = { ...base };
  for (const { name, value } of input.customHeaders ?? []) {
    headers[name.toLowerCase()] = value;
    recorded[name.toLowerCase()] = maskSecret(value);
  }
  for (const [name, value] of Object.entries(input.transformedHeaders ?? {})) {
    if (isProtectedHeader(name)) continue;
    headers[name] = value;
    recorded[name] = value;
  }
  if (input.traceparent) {
    headers.traceparent = input.traceparent;
    recorded.traceparent = input.traceparent;
  }
  if (input.bearerToken) {
    headers.authorization = `Bearer ${input.bearerToken}`;
    recorded.authorization = `Bearer ${maskToken(input.bearerToken)}`;
  }
  return { headers, recordedHeaders: recorded };
}

function signatureHeaders(
  style: SignatureStyle,
  input: { messageId: string; body: string; secrets: string[]; now: Date },
): Record<string, string> {
  const timestamp = String(Math.floor(input.now.getTime() / 1000));
  switch (style) {
    case "x-webhook-signature":
      return {
        "x-webhook-id": input.messageId,
        "x-webhook-timestamp": timestamp,
        "x-webhook-signature": `sha256=${hmacSha256Hex(input.secrets[0], input.body)}`,
      };
    case "github":
      return {
        "x-github-delivery": input.messageId,
        "x-hub-signature-256": `sha256=${hmacSha256Hex(input.secrets[0], input.body)}`,
      };
    case "standard-webhooks":
      return {
        "webhook-id": input.messageId,
        "webhook-timestamp": timestamp,
        "webhook-signature": signMessage({ secrets: input.secrets, msgId: input.messageId, timestamp: input.now, body: input.body }),
      };
  }
}

export const maskToken = maskSecret;
