import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";
import type { LastExecution } from "@/lib/integrations/views";

const TONE = { pending: "info", succeeded: "success", failed: "danger", interrupted: "warning" } as const;
const LABEL = { pending: "Pending", succeeded: "Succeeded", failed: "Failed", interrupted: "Interrupted" } as const;

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
