import { Settings2 } from "lucide-react";
import { TriggerIntegrationButton } from "@/components/executions/trigger-buttons";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";
import type { IntegrationListItem } from "@/lib/integrations/views";
import { LastExecutionCell } from "./execution-status";
import { PlatformBadge } from "./platform-badge";
import { WebhookStateBadge } from "./webhook-state-badge";

export function IntegrationsTable({
  integrations,
  canManage,
  canTrigger,
}: {
  integrations: IntegrationListItem[];
  canManage: boolean;
  canTrigger: boolean;
}) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Name</TH>
          <TH className={WIDE_ONLY}>Platform</TH>
          <TH className={WIDE_ONLY}>Webhook</TH>
          <TH className={WIDE_ONLY} title="The latest trigger, automatic delivery or retry; test sends are not counted">
            Last delivery
          </TH>
          <TH className="text-right">Actions</TH>
        </TR>
      </THead>
      <TBody>
        {integrations.map((integration) => (
          <TR key={integration.id} data-testid={`integration-row-${integration.slug}`}>
            <TD>
              <WorkspaceLink href={`/integrations/${integration.id}`} className="font-medium hover:underline">
                {integration.name}
              </WorkspaceLink>
              <div className="font-mono text-xs text-muted-foreground">{integration.slug}</div>
              {/* On a phone the columns below are left out: what answers "is it healthy" stays here. */}
              <div className="mt-1.5 grid justify-items-start gap-1 md:hidden" data-testid="integration-health-phone">
                <span className="flex flex-wrap items-center gap-1.5">
                  <PlatformBadge platform={integration.platform} />
                  <WebhookStateBadge state={integration.webhookState} />
                </span>
                <SubscriptionsState subscriptions={integration.subscriptions} />
                <span className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
                  Last delivery: <LastExecutionCell last={integration.lastExecution} />
                </span>
              </div>
            </TD>
            <TD className={WIDE_ONLY}>
              <PlatformBadge platform={integration.platform} />
            </TD>
            <TD className={WIDE_ONLY}>
              <div className="grid justify-items-start gap-1">
                <WebhookStateBadge state={integration.webhookState} />
                <SubscriptionsState subscriptions={integration.subscriptions} />
              </div>
            </TD>
            <TD className={WIDE_ONLY}>
              <LastExecutionCell last={integration.lastExecution} />
            </TD>
            <TD>
              <div className="flex flex-wrap justify-end gap-2">
                {canTrigger && <TriggerIntegrationButton integration={integration} webhookState={integration.webhookState} />}
                {canManage && (
                  <Button asChild variant="outline" size="sm">
                    <WorkspaceLink href={`/integrations/${integration.id}/webhook`} aria-label={`Configure ${integration.name}`}>
                      <Settings2 aria-hidden /> Configure
                    </WorkspaceLink>
                  </Button>
                )}
              </div>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

/** How many subscriptions send automatically, and whether the portal disabled one (with why). */
function SubscriptionsState({ subscriptions: s }: { subscriptions: IntegrationListItem["subscriptions"] }) {
  if (s.total === 0) return null;
  if (s.disabled === 0)
    return (
      <span className="text-xs text-muted-foreground">
        {s.total} {s.total === 1 ? "subscription" : "subscriptions"}
      </span>
    );
  return (
    <span className="text-xs text-destructive" title={s.disabledReason ?? undefined} data-testid="subscriptions-disabled">
      {s.disabled} of {s.total} {s.total === 1 ? "subscription" : "subscriptions"} disabled{s.disabledReason ? `: ${s.disabledReason}` : ""}
    </span>
  );
}
