import { Badge } from "@/components/ui/badge";
import type { EventSeverity } from "@/lib/events/schemas";

const TONE = { info: "info", low: "neutral", medium: "warning", high: "danger", critical: "danger" } as const;

export function SeverityBadge({ severity }: { severity: EventSeverity }) {
  return (
    <Badge tone={TONE[severity]} className={severity === "critical" ? "border-red-700 bg-red-700 text-background" : undefined}>
      {severity}
    </Badge>
  );
}
