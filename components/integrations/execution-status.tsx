import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";
import { STATUS_LABEL as LABEL, STATUS_TONE as TONE } from "@/components/executions/labels";
import type { LastExecution } from "@/lib/integrations/views";

/** The status and start time of an integration's last execution, or "Never". */
export function LastExecutionCell({ last }: { last: LastExecution | null }) {
  if (!last) return <span className="text-muted-foreground">Never</span>;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Badge tone={TONE[last.status]}>{LABEL[last.status]}</Badge>
      <span className="text-xs text-muted-foreground">{formatDateTime(last.startedAt)}</span>
    </span>
  );
}
