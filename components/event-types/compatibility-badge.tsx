import { Badge } from "@/components/ui/badge";
import type { ValidationMode } from "@/lib/event-types/schemas";

export function CompatibilityBadge({ compatibility }: { compatibility: "initial" | "compatible" | "breaking" }) {
  if (compatibility === "breaking") return <Badge tone="danger">Breaking</Badge>;
  if (compatibility === "compatible") return <Badge tone="success">Compatible</Badge>;
  return <Badge tone="neutral">First version</Badge>;
}

export function ValidationBadge({ mode }: { mode: ValidationMode }) {
  if (mode === "enforce") return <Badge tone="warning">Enforced</Badge>;
  if (mode === "flag") return <Badge tone="info">Flagged</Badge>;
  return <Badge tone="neutral">Not validated</Badge>;
}
