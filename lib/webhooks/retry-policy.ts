/**
 * When an automatic delivery that failed is tried again. Pure: the outcome handler
 * (lib/delivery/on-outcome.ts) and the tests share it.
 *
 * Retried: timeouts, connection and DNS failures, TLS and proxy errors, 5xx, 408 and 429, and
 * (with a retry policy) an attempt interrupted by a crash. Not retried: other 4xx, blocked addresses and
 * redirects — a configuration problem that a retry cannot fix — and 410 Gone, which disables the
 * subscription instead.
 */

export const MIN_RETRY_DELAY_SECONDS = 1;
export const MAX_RETRY_DELAY_SECONDS = 24 * 60 * 60;
export const MAX_RETRIES = 10;
const JITTER = 0.2;

export const RETRY_PRESETS = {
  /** Retry 1 after 1 minute, 2 after 5, 3 after 30. */
  standard: { label: "1 min, 5 min, 30 min", schedule: [60, 300, 1800], jitter: false },
  /** Doubling from 30 s to 8 min, each delay spread by ±20 %. */
  exponential: { label: "Exponential with jitter (30 s … 8 min)", schedule: [30, 60, 120, 240, 480], jitter: true },
} as const;

/**
 * What a new subscription retries with unless told otherwise: the schedule the systems beside us
 * promise (1 min, 5 min, 30 min, then the failure counts). `retrySchedule: null` chooses none.
 */
export const DEFAULT_RETRY_PRESET: keyof typeof RETRY_PRESETS = "standard";

const RETRYABLE_CLASSES = new Set([
  "timeout",
  "dns_failure",
  "connection_refused",
  "connection_reset",
  "tls_error",
  "proxy_error",
  "protocol_error",
  "interrupted",
  "internal_error",
]);

export interface FailedOutcome {
  status: string;
  errorClass: string | null;
  responseStatus: number | null;
}

/**
 * Whether a failure is the portal's own rather than the receiver's: an attempt interrupted by a
 * crash, a kill or a database outage of the portal (the receiver may well have taken it), or a
 * request the portal could not build or send (`internal_error`), or the outbound proxy failing
 * (`proxy_error`). Such failures may be retried but never count towards disabling a subscription.
 */
export function isPortalSideFailure(outcome: Pick<FailedOutcome, "status" | "errorClass">): boolean {
  return (
    outcome.status === "interrupted" ||
    outcome.errorClass === "interrupted" ||
    outcome.errorClass === "internal_error" ||
    outcome.errorClass === "proxy_error"
  );
}

/** Whether a failure is worth trying again. */
export function isRetryable(outcome: FailedOutcome): boolean {
  if (outcome.status === "interrupted") return true;
  const s = outcome.responseStatus;
  if (s !== null && s !== undefined) return s >= 500 || s === 408 || s === 429;
  return outcome.errorClass !== null && RETRYABLE_CLASSES.has(outcome.errorClass);
}

/** `Retry-After` as seconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/**
 * Seconds until retry number `retryNumber` (1-based) is due, or null when the schedule is used
 * up. A Retry-After from the receiver replaces the scheduled delay, capped at the schedule's
 * longest delay (and never below 1 s).
 */
export function retryDelaySeconds({
  schedule,
  jitter,
  retryNumber,
  retryAfterSeconds,
  random = Math.random,
}: {
  schedule: readonly number[];
  jitter: boolean;
  retryNumber: number;
  retryAfterSeconds?: number | null;
  random?: () => number;
}): number | null {
  if (retryNumber < 1 || retryNumber > schedule.length) return null;
  const longest = Math.max(...schedule);
  if (retryAfterSeconds !== null && retryAfterSeconds !== undefined)
    return Math.max(MIN_RETRY_DELAY_SECONDS, Math.min(retryAfterSeconds, longest));
  const base = schedule[retryNumber - 1];
  if (!jitter) return base;
  return Math.max(MIN_RETRY_DELAY_SECONDS, Math.round(base * (1 - JITTER + 2 * JITTER * random())));
}
