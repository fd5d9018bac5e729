import { Badge } from "@/components/ui/badge";
import type { AttemptStatus } from "@/lib/executions/schemas";
import { STATUS_TONE, statusLabel } from "./labels";

/** An attempt's status; one the labels do not know yet reads as its humanized value, in a neutral tone. */
export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status as AttemptStatus] ?? "neutral"}>{statusLabel(status)}</Badge>;
}
