import { StatusBadge } from "@/components/executions/status-badge";
import { LocalTime } from "@/components/ui/local-time";
import type { LastExecution } from "@/lib/integrations/views";

/** The status and start time of an integration's last delivery (a trigger or a retry, not a test send), or "Never". */
export function LastExecutionCell({ last }: { last: LastExecution | null }) {
  if (!last) return <span className="text-muted-foreground">Never</span>;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <StatusBadge status={last.status} />
      <span className="text-xs text-muted-foreground">
        <LocalTime value={last.startedAt} relative />
      </span>
    </span>
  );
}
