import type { AttemptKind, AttemptMode, AttemptStatus } from "@/lib/executions/schemas";

export const STATUS_LABEL: Record<AttemptStatus, string> = { pending: "Pending", succeeded: "Succeeded", failed: "Failed", interrupted: "Interrupted" };
export const STATUS_TONE = { pending: "info", succeeded: "success", failed: "danger", interrupted: "warning" } as const;
export const KIND_LABEL: Record<AttemptKind, string> = { initial: "Initial", manual_retry: "Manual retry", test: "Test" };
export const MODE_LABEL: Record<AttemptMode, string> = { default: "Default", event: "Event", test: "Test" };
