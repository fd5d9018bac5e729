import { ZodError, z } from "zod";

export type FieldErrors = Record<string, string[]>;

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "validation_failed"
  | "payload_too_large"
  | "rate_limited"
  | "idempotency_key_reused"
  | "webhook_not_configured"
  | "webhook_disabled"
  | "limit_reached"
  | "plan_required"
  | "workspace_not_found"
  | "unavailable"
  | "database_unavailable"
  | "internal_error";

/** How the HTTP edge answers each code. Domain code never sees a status: a worker gets the code. */
const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  validation_failed: 422,
  rate_limited: 429,
  idempotency_key_reused: 422,
  webhook_not_configured: 409,
  webhook_disabled: 409,
  limit_reached: 403,
  plan_required: 403,
  workspace_not_found: 404,
  unavailable: 503,
  database_unavailable: 503,
  internal_error: 500,
};

/** An error whose message is meant for the person or client that caused it; `code` says what kind. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const unauthorized = (message = "Sign in to continue.") => new AppError("unauthorized", message);
export const forbidden = (message = "You do not have permission to do this.") => new AppError("forbidden", message);
export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);
export const conflict = (message: string, fieldErrors?: FieldErrors) => new AppError("conflict", message, fieldErrors);
export const invalid = (message: string, fieldErrors?: FieldErrors) => new AppError("validation_failed", message, fieldErrors);
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError("rate_limited", message, undefined, retryAfterSeconds);

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
}

/**
 * Maps anything thrown to what a client may see. Unknown errors are answered with a generic
 * message (internals never leak) and `unexpected`, so the edge logs them with their cause.
 */
export function toErrorBody(error: unknown): { status: number; body: ErrorBody; retryAfterSeconds?: number; unexpected?: true } {
  if (error instanceof AppError) {
    return {
      status: HTTP_STATUS[error.code],
      body: { code: error.code, message: error.message, ...(error.fieldErrors && { fieldErrors: error.fieldErrors }) },
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  if (error instanceof ZodError) {
    const { fieldErrors, formErrors } = z.flattenError(error);
    return {
      status: 422,
      body: { code: "validation_failed", message: formErrors[0] ?? "Some fields are not valid.", fieldErrors: fieldErrors as FieldErrors },
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      body: { code: "database_unavailable", message: "The database cannot be reached right now. Try again in a few seconds." },
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    };
  }
  return {
    status: 500,
    body: { code: "internal_error", message: "Something went wrong on our side. It has been logged." },
    unexpected: true,
  };
}

/** What a client is told to wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket errors: at the API's edge the only connections a request opens are the database's. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "EAI_AGAIN"]);
/** Prisma: can't reach the server, timed out, closed the connection, no pooled connection in time. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
/** Prisma's driver adapter's kinds of connection failure. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "DatabaseNotReady"]);

/**
 * True when an error says the database cannot be reached or is shutting down, starting up or out
 * of connections — not that a query was wrong: the edge answers 503 `database_unavailable` with
 * Retry-After instead of 500. Looks through `cause` chains, aggregated errors and Prisma's
 * driver-adapter details.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 8) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
    meta?: { driverAdapterError?: { cause?: unknown } };
  };
  const code = typeof e.code === "string" ? e.code : "";
  if (NETWORK_CODES.has(code) || PRISMA_CODES.has(code)) return true;
  // PostgreSQL's SQLSTATE: connection exceptions (08…), shutting down or starting up (57P01–57P03), too many connections.
  if (/^08[0-9A-Z]{3}$/.test(code) || ["57P01", "57P02", "57P03", "53300"].includes(code)) return true;
  // pg's own words for a connection that broke or that a broken one left unusable.
  if (typeof e.message === "string" && /^Connection terminated|is not queryable/.test(e.message)) return true;
  const adapter = e.meta?.driverAdapterError?.cause as { kind?: unknown; code?: unknown } | undefined;
  if (adapter && typeof adapter.kind === "string" && ADAPTER_KINDS.has(adapter.kind)) return true;
  if (adapter && isDatabaseUnavailable(adapter, depth + 1)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
