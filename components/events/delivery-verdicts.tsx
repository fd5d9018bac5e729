import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Badge } from "@/components/ui/badge";
import type { IntegrationVerdict, SubscriptionVerdict } from "@/lib/events/explain-event-deliveries";

const RULE_LABEL = { type: "Event type", severity: "Minimum severity", source: "Sources", filter: "Filter" } as const;

function verdictOf(
  s: SubscriptionVerdict,
  webhook: IntegrationVerdict["webhook"],
): { tone: "success" | "neutral" | "warning"; text: string } {
  if (!s.match.matched) return { tone: "neutral", text: `Not matched — ${RULE_LABEL[s.match.rule]}: ${s.match.message}.` };
  if (s.attempts > 0)
    return { tone: "success", text: `Matched: ${s.attempts} ${s.attempts === 1 ? "attempt" : "attempts"} for this event.` };
  if (!s.enabled)
    return { tone: "warning", text: `Matches, but the subscription is disabled${s.disabledReason ? `: ${s.disabledReason}` : ""}.` };
  if (webhook !== "enabled")
    return {
      tone: "warning",
      text: webhook === "none" ? "Matches, but the integration has no webhook." : "Matches, but its webhook is disabled.",
    };
  return {
    tone: "warning",
    text: "Matches now, but nothing was sent for this event: the subscription or its rules changed since it arrived.",
  };
}

/**
 * For each subscription of each integration: whether it took this event, and the rule that
 * excluded it where it did not — worked out now from the subscriptions as they are now.
 */
export function DeliveryVerdicts({ portalEvent, integrations }: { portalEvent: boolean; integrations: IntegrationVerdict[] }) {
  const subscribed = integrations.filter((i) => i.subscriptions.length > 0);
  const without = integrations.length - subscribed.length;
  return (
    <div className="grid gap-3 text-sm" data-testid="delivery-verdicts">
      <p className="text-muted-foreground">
        Worked out just now from each subscription’s rules as they are now, not as they were when the event arrived.
        {portalEvent && " This is a portal event (a failure alert): portal events are never delivered to subscriptions."}
      </p>
      {subscribed.length === 0 ? (
        <p>No integration has a subscription, so no event is delivered automatically.</p>
      ) : (
        <ul className="grid gap-3" aria-label="Subscriptions and this event">
          {subscribed.map((i) => (
            <li key={i.integrationId} className="grid gap-1.5">
              <div className="flex flex-wrap items-center gap-2">
                <WorkspaceLink
                  href={`/integrations/${i.integrationId}#subscriptions`}
                  className="break-words font-medium text-primary underline-offset-4 hover:underline"
                >
                  {i.integrationName}
                </WorkspaceLink>
                {i.webhook !== "enabled" && <Badge tone="warning">{i.webhook === "none" ? "No webhook" : "Webhook disabled"}</Badge>}
              </div>
              <ul className="grid gap-1 border-l-2 pl-3">
                {i.subscriptions.map((s) => {
                  const v = verdictOf(s, i.webhook);
                  return (
                    <li key={s.subscriptionId} className="grid gap-0.5" data-testid="subscription-verdict" data-matched={s.match.matched}>
                      <span className="flex flex-wrap items-center gap-2">
                        <Badge tone={v.tone}>{s.match.matched ? "Matched" : `Excluded by ${RULE_LABEL[s.match.rule].toLowerCase()}`}</Badge>
                        <span className="break-all font-mono text-xs">{s.eventTypes.join(", ")}</span>
                        {s.description && <span className="text-muted-foreground">{s.description}</span>}
                      </span>
                      <span className="break-words text-muted-foreground">{v.text}</span>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {without > 0 && subscribed.length > 0 && (
        <p className="text-muted-foreground">
          {without} other {without === 1 ? "integration has" : "integrations have"} no subscription and only{" "}
          {without === 1 ? "sends" : "send"} when triggered by hand.
        </p>
      )}
    </div>
  );
}
