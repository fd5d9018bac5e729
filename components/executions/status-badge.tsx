import { Badge } from "@/components/ui/badge";
import type { AttemptStatus } from "@/lib/executions/schemas";
import { STATUS_LABEL, STATUS_TONE } from "./labels";

export function StatusBadge({ status }: { status: string }) {
  const known = status as AttemptStatus;
  return <Badge tone={STATUS_TONE[known] ?? "neutral"}>{STATUS_LABEL[known] ?? status}</Badge>;
}
