import { Plug, Plus } from "lucide-react";
import type { Metadata } from "next";
import { LiveRefresh } from "@/components/executions/live-refresh";
import { IntegrationsTable } from "@/components/integrations/integrations-table";
import { IntegrationSearchForm } from "@/components/integrations/search-form";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { can } from "@/lib/auth/permissions";
import { getDeliveryState } from "@/lib/executions/delivery-state";
import { listIntegrations } from "@/lib/integrations/list-integrations";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<{ q?: string; cursor?: string }> }) {
  const ctx = await requirePageCtx("portal.read");
  const { q, cursor } = await searchParams;
  // Taken before the list is read: a delivery while it renders shows at the next poll.
  const live = await getDeliveryState({ ctx, query: {} });
  const page = await listIntegrations({ ctx, query: { q, cursor } });
  const canManage = can(ctx.actor, "integrations.manage");
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Automation workflows the portal sends webhooks to."
        actions={
          canManage && (
            <Button asChild>
              <WorkspaceLink href="/integrations/new">
                <Plus aria-hidden /> Add integration
              </WorkspaceLink>
            </Button>
          )
        }
      />
      <LiveRefresh scope={{}} fingerprint={live.fingerprint} />
      {(q || page.data.length > 0) && <IntegrationSearchForm q={q} />}
      {page.data.length > 0 ? (
        <IntegrationsTable integrations={page.data} canManage={canManage} canTrigger={can(ctx.actor, "integrations.trigger")} />
      ) : q ? (
        <EmptyState icon={Plug} title={`No integration matches “${q}”`}>
          Try another part of the name, or clear the search.
        </EmptyState>
      ) : (
        <EmptyState icon={Plug} title="No integrations yet">
          {canManage ? (
            <>
              Add the first one with <strong>Add integration</strong>: name it, pick its platform (n8n, Zapier, Make, Power Automate, Tines
              or a custom endpoint), then configure its webhook.
            </>
          ) : (
            "An admin must add an integration before anything can be sent. Ask one of the portal's admins."
          )}
        </EmptyState>
      )}
      <Pager nextCursor={page.nextCursor} hasPrevious={Boolean(cursor)} />
    </>
  );
}
