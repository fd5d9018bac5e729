import type { DeliveryErrorClass } from "./types";

export type DeliveryFailure = { errorClass: DeliveryErrorClass; errorMessage: string };

/** Raised when a socket turns out to be connected to an address the policy refuses. */
export class BlockedAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BlockedAddressError";
  }
}

/** Raised when the outbound proxy, not the receiver, failed: unreachable, refusing, slow. */
export class ProxyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ProxyError";
  }
}

type CodeClass = Extract<
  DeliveryErrorClass,
  "timeout" | "connection_refused" | "connection_reset" | "dns_failure" | "tls_error" | "protocol_error"
>;

const CODE_CLASSES = new Map<string, CodeClass>([
  ["ECONNREFUSED", "connection_refused"],
  ["ECONNRESET", "connection_reset"],
  ["EPIPE", "connection_reset"],
  ["UND_ERR_SOCKET", "connection_reset"],
  ["ENOTFOUND", "dns_failure"],
  ["EAI_AGAIN", "dns_failure"],
  ["ETIMEDOUT", "timeout"],
  ["UND_ERR_CONNECT_TIMEOUT", "timeout"],
  ["UND_ERR_HEADERS_TIMEOUT", "timeout"],
  ["UND_ERR_BODY_TIMEOUT", "timeout"],
  ["EPROTO", "tls_error"],
  ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "tls_error"],
  ["DEPTH_ZERO_SELF_SIGNED_CERT", "tls_error"],
  ["SELF_SIGNED_CERT_IN_CHAIN", "tls_error"],
  // The receiver's answer is not HTTP undici can read: the receiver's fault, not the portal's.
  ["UND_ERR_HEADERS_OVERFLOW", "protocol_error"],
  ["UND_ERR_RES_CONTENT_LENGTH_MISMATCH", "protocol_error"],
  ["UND_ERR_RES_EXCEEDED_MAX_SIZE", "protocol_error"],
  ["UND_ERR_INFO", "protocol_error"],
  ["HPE_HEADER_OVERFLOW", "protocol_error"],
]);
/**
 * The request could not be built or written as configured (a header value HTTP cannot carry, a
 * header the client refuses): nothing reached the receiver, and it is the portal's failure.
 */
const PORTAL_SIDE_CODES = new Set(["UND_ERR_INVALID_ARG", "UND_ERR_NOT_SUPPORTED", "ERR_INVALID_CHAR", "ERR_INVALID_HTTP_TOKEN"]);
const TLS_CODE_PREFIXES = ["CERT_", "ERR_TLS_", "ERR_SSL_", "UNABLE_TO_GET_ISSUER_CERT"];
/** Alerts a receiver sends about the client certificate it was shown (ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE …). */
const CLIENT_CERTIFICATE_ALERTS = [
  "ALERT_BAD_CERTIFICATE",
  "ALERT_UNKNOWN_CA",
  "ALERT_CERTIFICATE_EXPIRED",
  "ALERT_CERTIFICATE_UNKNOWN",
  "ALERT_UNSUPPORTED_CERTIFICATE",
];
/** llhttp's parse errors (undici's HTTPParserError): HPE_INVALID_CONSTANT, HPE_INVALID_HEADER_TOKEN … */
const PARSER_CODE_PREFIX = "HPE_";

/** Failure of a delivery whose overall deadline passed before a status arrived. */
export function timeoutFailure(timeoutMs: number): DeliveryFailure {
  const seconds = Number((timeoutMs / 1000).toFixed(1));
  return { errorClass: "timeout", errorMessage: `No complete answer within ${seconds} s.` };
}

/**
 * Maps an error thrown while connecting or waiting for the status line to a
 * failure class and a message for operators. Looks through `cause` chains and
 * the errors of an AggregateError (Node's multi-address connect attempts).
 */
export function classifyDeliveryError(error: unknown, timeoutMs: number): DeliveryFailure {
  for (const candidate of errorChain(error)) {
    if (candidate instanceof ProxyError) return { errorClass: "proxy_error", errorMessage: candidate.message };
    if (candidate instanceof BlockedAddressError) {
      return { errorClass: "blocked_address", errorMessage: candidate.message };
    }
    if (PORTAL_SIDE_CODES.has(codeOf(candidate) ?? "")) {
      return {
        errorClass: "internal_error",
        errorMessage: `The portal could not send this request as configured (${candidate.message.slice(0, 200)}); nothing reached the receiver, and it does not count against it.`,
      };
    }
    const errorClass = candidate.name === "HTTPParserError" ? "protocol_error" : classOfCode(codeOf(candidate));
    if (errorClass) return describe(errorClass, candidate, timeoutMs);
  }
  const detail = error instanceof Error ? (codeOf(error) ?? error.name) : typeof error;
  return { errorClass: "internal_error", errorMessage: `Delivery failed unexpectedly (${detail}).` };
}

const FIXED_MESSAGES: Record<Exclude<CodeClass, "timeout" | "tls_error" | "protocol_error">, string> = {
  connection_refused: "The receiver refused the connection; nothing is listening on that port.",
  connection_reset: "The receiver closed the connection before answering.",
  dns_failure: "The receiver's host name could not be resolved.",
};

function describe(errorClass: CodeClass, error: Error, timeoutMs: number): DeliveryFailure {
  if (errorClass === "timeout") return timeoutFailure(timeoutMs);
  if (errorClass === "tls_error") {
    const code = codeOf(error) ?? "";
    if (code === "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED" || code === "ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE")
      return {
        errorClass,
        errorMessage: "The receiver requires a client certificate (mutual TLS) and none was presented: set one on the webhook.",
      };
    if (CLIENT_CERTIFICATE_ALERTS.some((alert) => code.endsWith(alert)))
      return { errorClass, errorMessage: `The receiver refused the client certificate: ${tlsReason(error)}.` };
    return { errorClass, errorMessage: `The TLS connection to the receiver failed: ${tlsReason(error)}.` };
  }
  if (errorClass === "protocol_error") {
    const what =
      codeOf(error) === "UND_ERR_HEADERS_OVERFLOW" || codeOf(error) === "HPE_HEADER_OVERFLOW"
        ? "headers too large to read"
        : "an answer that is not valid HTTP";
    return { errorClass, errorMessage: `The receiver sent ${what} (${codeOf(error) ?? error.name}).` };
  }
  return { errorClass, errorMessage: FIXED_MESSAGES[errorClass] };
}

function classOfCode(code: string | undefined): CodeClass | undefined {
  if (code === undefined) return undefined;
  if (TLS_CODE_PREFIXES.some((prefix) => code.startsWith(prefix))) return "tls_error";
  if (code.startsWith(PARSER_CODE_PREFIX)) return "protocol_error";
  return CODE_CLASSES.get(code);
}

/** OpenSSL errors carry a short `reason`; certificate errors a short message. */
function tlsReason(error: Error): string {
  const reason = "reason" in error && typeof error.reason === "string" ? error.reason : error.message;
  return reason.trim().replace(/\.$/, "");
}

function codeOf(error: Error): string | undefined {
  return "code" in error && typeof error.code === "string" ? error.code : undefined;
}

function* errorChain(error: unknown, depth = 0): Generator<Error> {
  if (!(error instanceof Error) || depth > 10) return;
  yield error;
  yield* errorChain(error.cause, depth + 1);
  if (error instanceof AggregateError) {
    for (const inner of error.errors) yield* errorChain(inner, depth + 1);
  }
}
