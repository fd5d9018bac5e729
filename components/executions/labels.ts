import type { AttemptKind, AttemptMode, AttemptStatus } from "@/lib/executions/schemas";

export const STATUS_LABEL: Record<AttemptStatus, string> = { pending: "Pending", succeeded: "Succeeded", failed: "Failed", interrupted: "Interrupted" };
export const STATUS_TONE = { pending: "info", succeeded: "success", failed: "danger", interrupted: "warning" } as const;
export const KIND_LABEL: Record<AttemptKind, string> = { initial: "Initial", manual_retry: "Manual retry", test: "Test" };
export const MODE_LABEL: Record<AttemptMode, string> = { default: "Default", event: "Event", test: "Test" };

/** "manual_retry" → "Manual retry": how a kind, mode or status the labels above do not know yet still reads. */
const humanize = (value: string) => (value.charAt(0).toUpperCase() + value.slice(1)).replaceAll("_", " ");

export const kindLabel = (kind: string) => KIND_LABEL[kind as AttemptKind] ?? humanize(kind);
export const modeLabel = (mode: string) => MODE_LABEL[mode as AttemptMode] ?? humanize(mode);
export const statusLabel = (status: string) => STATUS_LABEL[status as AttemptStatus] ?? humanize(status);

/** An attempt's name in its message's timeline: "First attempt", then "Manual retry #1"… */
export const attemptName = (kind: string, index: number) => (index === 0 ? "First attempt" : `${kindLabel(kind)} #${index}`);
