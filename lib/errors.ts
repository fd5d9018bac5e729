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
  | "unavailable"
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
  unavailable: 503,
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
  return {
    status: 500,
    body: { code: "internal_error", message: "Something went wrong on our side. It has been logged." },
    unexpected: true,
  };
}
