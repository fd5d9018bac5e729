import { Code2, History, Pencil, Settings2, Webhook } from "lucide-react";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DeliveryChart } from "@/components/executions/delivery-chart";
import { LiveRefresh } from "@/components/executions/live-refresh";
import { RecentExecutions } from "@/components/executions/recent-executions";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { SubscriptionsCard } from "@/components/subscriptions/subscriptions-card";
import { IntegrationSuccessRate } from "@/components/executions/success-rate";
import { TriggerIntegrationButton } from "@/components/executions/trigger-buttons";
import { AlertsCard } from "@/components/integrations/alerts-card";
import { DeleteIntegrationButton } from "@/components/integrations/delete-integration-button";
import { PlatformBadge } from "@/components/integrations/platform-badge";
import { WebhookSummary } from "@/components/integrations/webhook-summary";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { can } from "@/lib/auth/permissions";
import { isHistoryRange } from "@/lib/executions/delivery-history";
import { getDeliveryState } from "@/lib/executions/delivery-state";
import { listAlertTargets } from "@/lib/integrations/list-alert-targets";
import { connectorTypeInfo } from "@/lib/webhooks/connector-types";
import { toWebhookState, type IntegrationDetail } from "@/lib/integrations/views";
import { loadIntegration } from "../load";
import { DescriptionList } from "@/components/ui/description-list";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ range?: string }>;
}) {
  const ctx = await requirePageCtx("portal.read");
  const { range } = await searchParams;
  const integration = await loadIntegration(ctx, (await params).id);
  // Taken before the figures below are read: a delivery while they render shows at the next poll.
  const live = await getDeliveryState({ ctx, query: { integrationId: integration.id } });
  const canManage = can(ctx.actor, "integrations.manage");
  const canTrigger = can(ctx.actor, "integrations.trigger");
  return (
    <>
      <PageHeader
        title={integration.name}
        description={<PlatformBadge platform={integration.platform} />}
        actions={
          (canTrigger || canManage) && (
            <>
              {canTrigger && (
                <TriggerIntegrationButton integration={integration} webhookState={toWebhookState(integration.webhook)} size="default" />
              )}
              {canManage && (
                <>
                  <Button asChild variant="outline">
                    <WorkspaceLink href={`/integrations/${integration.id}/edit`}>
                      <Pencil aria-hidden /> Edit
                    </WorkspaceLink>
                  </Button>
                  <Button asChild variant="outline">
                    <WorkspaceLink href={`/audit-log?target=${integration.id}`}>
                      <History aria-hidden /> History
                    </WorkspaceLink>
                  </Button>
                  <DeleteIntegrationButton id={integration.id} name={integration.name} />
                </>
              )}
            </>
          )
        }
      />
      <LiveRefresh scope={{ integrationId: integration.id }} fingerprint={live.fingerprint} />
      <div className="grid gap-6 lg:grid-cols-2">
        <DetailsCard integration={integration} />
        <Card>
          <CardHeader className="flex-row items-start justify-between gap-4">
            <div className="grid gap-1">
              <CardTitle>Webhook</CardTitle>
              <CardDescription>Where the portal sends this integration’s messages.</CardDescription>
            </div>
            {canManage && (
              <div className="flex flex-wrap justify-end gap-2">
                <Button asChild variant="outline" size="sm">
                  <WorkspaceLink href={`/integrations/${integration.id}/transformation`}>
                    <Code2 aria-hidden /> Transformation
                  </WorkspaceLink>
                </Button>
                <Button asChild variant="outline" size="sm">
                  <WorkspaceLink href={`/integrations/${integration.id}/webhook`}>
                    <Settings2 aria-hidden /> Configure
                  </WorkspaceLink>
                </Button>
              </div>
            )}
          </CardHeader>
          <CardContent>
            {integration.webhook ? (
              <WebhookSummary webhook={integration.webhook} connectorType={integration.connectorType} />
            ) : (
              <EmptyState icon={Webhook} title="No webhook configured">
                {canManage
                  ? "Configure its URL to send messages to it."
                  : "An admin must configure its webhook before it can be triggered."}
              </EmptyState>
            )}
          </CardContent>
        </Card>
      </div>
      <div className="mt-6">
        <SubscriptionsCard ctx={ctx} integrationId={integration.id} webhookEnabled={integration.webhook?.enabled ?? false} />
      </div>
      {canManage && (
        <div className="mt-6">
          <AlertsCard
            integrationId={integration.id}
            initial={integration.alerts}
            targets={await listAlertTargets({ ctx, integrationId: integration.id })}
          />
        </div>
      )}
      <section className="mt-6 grid gap-3" aria-labelledby="recent-executions">
        <h2 id="recent-executions" className="text-base font-semibold">
          Recent executions
        </h2>
        <IntegrationSuccessRate ctx={ctx} integrationId={integration.id} />
        <DeliveryChart
          ctx={ctx}
          integrationId={integration.id}
          range={isHistoryRange(range) ? range : "24h"}
          href={(r) => `/integrations/${integration.id}?range=${r}`}
        />
        <RecentExecutions
          ctx={ctx}
          filter={{ integrationId: integration.id }}
          compact
          empty="When this integration is triggered, each delivery and its outcome is listed here."
        />
      </section>
    </>
  );
}

function DetailsCard({ integration }: { integration: IntegrationDetail }) {
  const by = (user: IntegrationDetail["createdBy"]) => (user ? ` by ${user.name}` : "");
  const rows: [string, ReactNode][] = [
    ["Connector type", connectorTypeInfo(integration.connectorType).label],
    [
      "Slug",
      <span key="slug" className="font-mono">
        {integration.slug}
      </span>,
    ],
    [
      "Description",
      integration.description || (
        <span key="none" className="text-muted-foreground">
          None
        </span>
      ),
    ],
    [
      "Created",
      <span key="c">
        <LocalTime value={integration.createdAt} />
        {by(integration.createdBy)}
      </span>,
    ],
    [
      "Last changed",
      <span key="u">
        <LocalTime value={integration.updatedAt} />
        {by(integration.updatedBy)}
      </span>,
    ],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Details</CardTitle>
      </CardHeader>
      <CardContent>
        <DescriptionList items={rows} />
      </CardContent>
    </Card>
  );
}
