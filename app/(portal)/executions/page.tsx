import { Activity } from "lucide-react";
import type { Metadata } from "next";
import { ExecutionFilters } from "@/components/executions/execution-filters";
import { ExecutionsTable } from "@/components/executions/executions-table";
import { WebhookIdSearch } from "@/components/executions/webhook-id-search";
import { DeliveriesTable } from "@/components/executions/deliveries-table";
import { LiveRefresh } from "@/components/executions/live-refresh";
import { ViewSwitch } from "@/components/executions/view-switch";
import { ExportLinks } from "@/components/filters/export-links";
import { ResultCount } from "@/components/filters/result-count";
import { FilteredList } from "@/components/filters/filtered-list";
import { filtersKey, loadOrProblem, singleValues, type SearchParams } from "@/components/filters/query";
import { BulkRetryButton } from "@/components/executions/bulk-retry-button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { getFilterLabels } from "@/lib/executions/get-filter-labels";
import { listEventLabels } from "@/lib/events/list-event-labels";
import { countExecutions } from "@/lib/executions/count-executions";
import { getDeliveryState } from "@/lib/executions/delivery-state";
import { listDeliveries } from "@/lib/executions/list-deliveries";
import { listExecutions } from "@/lib/executions/list-executions";

export const metadata: Metadata = { title: "Executions" };

const FILTERS = ["integrationId", "status", "mode", "kind", "triggeredBy", "subscriptionId", "eventId", "messageId", "from", "to", "q"];

export default async function ExecutionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePageCtx("portal.read");
  const { view, ...query } = singleValues(await searchParams);
  const byAttempt = view === "attempts";
  // The state the page is rendered from, taken first: a change while it renders shows at the next poll.
  const scope = { integrationId: query.integrationId, eventId: query.eventId, messageId: query.messageId };
  const live = await loadOrProblem(() => getDeliveryState({ ctx, query: scope }));
  const [labels, result] = await Promise.all([
    getFilterLabels({
      ctx,
      input: { integrationIds: query.integrationId ? [query.integrationId] : [], userIds: query.triggeredBy ? [query.triggeredBy] : [] },
    }),
    byAttempt
      ? loadOrProblem(() => listExecutions({ ctx, query })).then((attempts) => ({ attempts }))
      : loadOrProblem(() => listDeliveries({ ctx, query })).then((deliveries) => ({ deliveries })),
  ]);
  const rows = "attempts" in result ? result.attempts : result.deliveries;
  const total = "page" in rows && rows.page.data.length > 0 ? await countExecutions({ ctx, query }) : null;
  const filtered = FILTERS.some((f) => query[f]);
  const canTrigger = can(ctx.actor, "integrations.trigger");
  const eventIds =
    "attempts" in result
      ? "page" in result.attempts
        ? result.attempts.page.data.map((a) => a.eventId)
        : []
      : "page" in result.deliveries
        ? result.deliveries.page.data.map((d) => d.first.eventId)
        : [];
  const events = await listEventLabels({ ctx, ids: eventIds });
  const list = {
    filtered,
    cursor: query.cursor,
    noun: "executions",
    href: byAttempt ? "/executions?view=attempts" : "/executions",
    empty: {
      icon: Activity,
      title: "No executions yet",
      body: "Every webhook sent by the portal will be listed here with what was sent and what came back.",
    },
  };
  const count = total && <ResultCount {...total} noun={{ one: "attempt", many: "attempts" }} filtered={filtered} />;
  return (
    <>
      <PageHeader
        title="Executions"
        description="Every webhook the portal sent, newest first: one row per delivery with its attempts, or every attempt on its own. Open one to see what was sent and what came back."
        actions={
          <>
            {canTrigger && <BulkRetryButton filters={filterValues(query)} />}
            <ExportLinks endpoint="/api/v1/executions/export" query={query} what="these executions" />
          </>
        }
      />
      {"page" in live && <LiveRefresh scope={scope} fingerprint={live.page.fingerprint} />}
      <WebhookIdSearch current={query.messageId} key={`message-${query.messageId ?? ""}`} />
      <ExecutionFilters labels={labels} key={filtersKey(FILTERS, query)} />
      <ViewSwitch byAttempt={byAttempt} query={query} />
      {"attempts" in result ? (
        <FilteredList result={result.attempts} {...list}>
          {(executions) => (
            <>
              {count}
              <ExecutionsTable executions={executions} events={events} selectable={canTrigger} />
            </>
          )}
        </FilteredList>
      ) : (
        <FilteredList result={result.deliveries} {...list}>
          {(deliveries) => (
            <>
              {count}
              <DeliveriesTable deliveries={deliveries} events={events} selectable={canTrigger} />
            </>
          )}
        </FilteredList>
      )}
    </>
  );
}

/** The list's filters as the bulk retry takes them (paging left out). */
const filterValues = (query: Record<string, string | undefined>) =>
  Object.fromEntries(FILTERS.filter((f) => query[f]).map((f) => [f, query[f] as string]));
