import { Activity } from "lucide-react";
import type { Metadata } from "next";
import { ExecutionFilters } from "@/components/executions/execution-filters";
import { ExecutionsTable } from "@/components/executions/executions-table";
import { WebhookIdSearch } from "@/components/executions/webhook-id-search";
import { NewExecutionsBar } from "@/components/executions/new-executions-bar";
import { newestOf } from "@/components/executions/newest";
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
import { listExecutions } from "@/lib/executions/list-executions";

export const metadata: Metadata = { title: "Executions" };

const FILTERS = ["integrationId", "status", "mode", "kind", "triggeredBy", "subscriptionId", "eventId", "messageId", "from", "to", "q"];

export default async function ExecutionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePageCtx("portal.read");
  const query = singleValues(await searchParams);
  const [labels, result] = await Promise.all([
    getFilterLabels({
      ctx,
      input: { integrationIds: query.integrationId ? [query.integrationId] : [], userIds: query.triggeredBy ? [query.triggeredBy] : [] },
    }),
    loadOrProblem(() => listExecutions({ ctx, query })),
  ]);
  const total = "page" in result && result.page.data.length > 0 ? await countExecutions({ ctx, query }) : null;
  const filtered = FILTERS.some((f) => query[f]);
  const canTrigger = can(ctx.actor, "integrations.trigger");
  const events = "page" in result ? await listEventLabels({ ctx, ids: result.page.data.map((a) => a.eventId) }) : {};
  return (
    <>
      <PageHeader
        title="Executions"
        description="Every webhook the portal sent, newest first: open one to see what was sent and what came back."
        actions={
          <>
            {canTrigger && <BulkRetryButton filters={filterValues(query)} />}
            <ExportLinks endpoint="/api/v1/executions/export" query={query} what="these executions" />
          </>
        }
      />
      <WebhookIdSearch current={query.messageId} key={`message-${query.messageId ?? ""}`} />
      <ExecutionFilters labels={labels} key={filtersKey(FILTERS, query)} />
      {!query.cursor && "page" in result && <NewExecutionsBar filter={query} newest={newestOf(result.page.data)} />}
      <FilteredList
        result={result}
        filtered={filtered}
        cursor={query.cursor}
        noun="executions"
        href="/executions"
        empty={{
          icon: Activity,
          title: "No executions yet",
          body: "Every webhook sent by the portal will be listed here with what was sent and what came back.",
        }}
      >
        {(executions) => (
          <>
            {total && <ResultCount {...total} noun={{ one: "execution", many: "executions" }} filtered={filtered} />}
            <ExecutionsTable executions={executions} events={events} selectable={canTrigger} />
          </>
        )}
      </FilteredList>
    </>
  );
}

/** The list's filters as the bulk retry takes them (paging left out). */
const filterValues = (query: Record<string, string | undefined>) =>
  Object.fromEntries(FILTERS.filter((f) => query[f]).map((f) => [f, query[f] as string]));
