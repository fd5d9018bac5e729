import { Play, Send } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { DisabledReason } from "@/components/ui/disabled-reason";
import type { TriggerTarget } from "@/lib/executions/list-trigger-targets";
import type { TriggerInput } from "@/lib/executions/schemas";
import type { WebhookState } from "@/lib/integrations/views";
import { TriggerDialog } from "./trigger-dialog";

type Look = Pick<ComponentProps<typeof Button>, "variant" | "size">;

const UNAVAILABLE: Record<Exclude<WebhookState, "enabled">, string> = {
  not_configured: "No webhook is configured yet. An admin can configure one on the integration's page.",
  disabled: "The webhook is disabled. An admin can enable it on the integration's webhook page.",
};
const NO_TARGETS = "No integration has an enabled webhook yet. An admin can configure one.";

/** Triggers one integration in default mode (an empty body); disabled, with the reason, when its webhook cannot be sent to. */
export function TriggerIntegrationButton({
  integration,
  webhookState,
  ...look
}: { integration: { id: string; name: string }; webhookState: WebhookState } & Look) {
  const button = (
    <Button variant="outline" size="sm" {...look} aria-label={`Trigger ${integration.name}`} disabled={webhookState !== "enabled"}>
      <Play aria-hidden /> Trigger
    </Button>
  );
  if (webhookState !== "enabled") return <DisabledReason reason={UNAVAILABLE[webhookState]}>{button}</DisabledReason>;
  return <TriggerDialog trigger={button} title={`Trigger ${integration.name}`} input={{ mode: "default" }} target={integration} />;
}

/**
 * Sends an event to an integration picked from those with an enabled webhook. In a list of events
 * the button's name adds the event's title after its visible label (which it starts with, so
 * speech input finds it by what it shows).
 */
export function SendEventButton({
  event,
  targets,
  label = "Send",
  inList = false,
  ...look
}: { event: { id: string; title: string }; targets: TriggerTarget[]; label?: string; inList?: boolean } & Look) {
  return (
    <PickerButton
      targets={targets}
      title={`Send “${event.title}”`}
      input={{ mode: "event", eventId: event.id }}
      ariaLabel={inList ? `${label} “${event.title}” to an integration` : undefined}
      look={look}
    >
      <Send aria-hidden /> {label}
    </PickerButton>
  );
}

/** Triggers an integration picked from those with an enabled webhook, in default mode. */
export function TriggerPickedIntegrationButton({ targets, ...look }: { targets: TriggerTarget[] } & Look) {
  return (
    <PickerButton targets={targets} title="Trigger an integration with an empty body" input={{ mode: "default" }} look={look}>
      <Play aria-hidden /> Trigger with empty body
    </PickerButton>
  );
}

function PickerButton({
  targets,
  title,
  input,
  ariaLabel,
  look,
  children,
}: {
  targets: TriggerTarget[];
  title: string;
  input: TriggerInput;
  ariaLabel?: string;
  look: Look;
  children: ReactNode;
}) {
  const button = (
    <Button variant="outline" size="sm" {...look} aria-label={ariaLabel} disabled={targets.length === 0}>
      {children}
    </Button>
  );
  if (targets.length === 0) return <DisabledReason reason={NO_TARGETS}>{button}</DisabledReason>;
  return <TriggerDialog trigger={button} title={title} input={input} targets={targets} />;
}
