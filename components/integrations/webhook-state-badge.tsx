import { Badge } from "@/components/ui/badge";
import type { WebhookState } from "@/lib/integrations/views";

const DISPLAY: Record<WebhookState, { label: string; tone: "neutral" | "success" | "warning" }> = {
  not_configured: { label: "Not configured", tone: "neutral" },
  enabled: { label: "Enabled", tone: "success" },
  disabled: { label: "Disabled", tone: "warning" },
};

export function WebhookStateBadge({ state }: { state: WebhookState }) {
  const { label, tone } = DISPLAY[state];
  return <Badge tone={tone}>{label}</Badge>;
}
