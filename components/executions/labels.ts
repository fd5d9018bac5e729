import type { AttemptKind, AttemptMode, AttemptStatus } from "@/lib/executions/schemas";

export const STATUS_LABEL: Record<AttemptStatus, string> = {
  queued: "Queued",
  scheduled: "Scheduled",
  pending: "Pending",
  succeeded: "Succeeded",
  failed: "Failed",
  interrupted: "Interrupted",
  skipped: "Skipped",
};
export const STATUS_TONE = {
  queued: "neutral",
  scheduled: "neutral",
  pending: "info",
  succeeded: "success",
  failed: "danger",
  interrupted: "warning",
  skipped: "neutral",
} as const;
export const KIND_LABEL: Record<AttemptKind, string> = {
  initial: "Initial",
  automatic: "Automatic",
  manual_retry: "Manual retry",
  test: "Test",
  alert: "Alert",
};
export const MODE_LABEL: Record<AttemptMode, string> = { default: "Default", event: "Event", test: "Test" };

/** "manual_retry" → "Manual retry": how a kind, mode or status the labels above do not know yet still reads. */
const humanize = (value: string) => (value.charAt(0).toUpperCase() + value.slice(1)).replaceAll("_", " ");

export const kindLabel = (kind: string) => KIND_LABEL[kind as AttemptKind] ?? humanize(kind);
export const modeLabel = (mode: string) => MODE_LABEL[mode as AttemptMode] ?? humanize(mode);
export const statusLabel = (status: string) => STATUS_LABEL[status as AttemptStatus] ?? humanize(status);

/** An attempt's name in its message's timeline: "First attempt", then "Manual retry #1"… */
export const attemptName = (kind: string, index: number, retryNumber = 0) =>
  index === 0 ? "First attempt" : kind === "automatic" ? attemptLabel({ kind, retryNumber }) : `${kindLabel(kind)} #${index}`;

/** Who caused an attempt: a person (and the API token they used), or "Automatic" (a subscription matched an event). */
export function triggeredByLabel(a: {
  triggeredBy: { email: string | null; token?: { name: string; prefix: string } | null } | null;
  subscriptionId: string | null;
}): string {
  const token = a.triggeredBy?.token;
  if (a.triggeredBy?.email) return token ? `${a.triggeredBy.email} · token ${token.name} (${token.prefix}…)` : a.triggeredBy.email;
  return a.subscriptionId ? "Automatic (subscription)" : "System";
}

/** What an attempt is, in a word or two: "Automatic retry #2", "Manual retry", "Test"… */
export function attemptLabel(a: { kind: string; retryNumber?: number }): string {
  if (a.kind === "automatic" && a.retryNumber) return `Automatic retry #${a.retryNumber}`;
  return kindLabel(a.kind);
}
