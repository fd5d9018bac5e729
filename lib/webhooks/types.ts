/**
 * The types the send side shares, at the bottom of lib/webhooks: they import nothing, so every
 * module here can use them without an import circle.
 */
export type DeliveryErrorClass =
  | "timeout"
  | "dns_failure"
  | "connection_refused"
  | "connection_reset"
  | "tls_error"
  | "proxy_error"
  | "protocol_error"
  | "blocked_address"
  | "redirect"
  | "http_error"
  | "internal_error";

export type DeliveryResult = {
  ok: boolean;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  /** True when the body is not UTF-8 text: its non-text bytes are escaped (see bodyText). */
  bodyBinary: boolean;
  /** Bytes received; when `truncated`, a lower bound (see readLimitedBody). */
  bodyBytes: number | null;
  truncated: boolean;
  durationMs: number;
  errorClass: DeliveryErrorClass | null;
  errorMessage: string | null;
  location?: string | null;
  remoteAddress?: string | null;
};
