import { Activity, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ExecutionFilters } from "@/components/executions/execution-filters";
import { ExecutionsTable } from "@/components/executions/executions-table";
import { ExportLinks } from "@/components/filters/export-links";
import { filtersKey, loadOrProblem, singleValues, type SearchParams } from "@/components/filters/query";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { listFilterOptions } from "@/lib/executions/filter-options";
import { listExecutions } from "@/lib/executions/list-executions";

export const metadata: Metadata = { title: "Executions" };

const FILTERS = ["integrationId", "status", "mode", "kind", "triggeredBy", "eventId", "from", "to"];

export default async function ExecutionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePageCtx("portal.read");
  const query = singleValues(await searchParams);
  const [options, result] = await Promise.all([listFilterOptions({ ctx }), loadOrProblem(() => listExecutions({ ctx, query }))]);
  const filtered = FILTERS.some((f) => query[f]);
  return (
    <>
      <PageHeader
        title="Executions"
        description="Every webhook the portal sent, newest first: open one to see what was sent and what came back."
        actions={<ExportLinks endpoint="/api/v1/executions/export" query={query} what="these executions" />}
      />
      <ExecutionFilters options={options} key={filtersKey(FILTERS, query)} />
      {"problem" in result ? (
        <EmptyState icon={SearchX} title="These filters are not valid">
          {result.problem} <Link href="/executions" className="text-primary underline">Show all executions</Link>
        </EmptyState>
      ) : result.page.data.length > 0 ? (
        <>
          <ExecutionsTable executions={result.page.data} />
          <Pager nextCursor={result.page.nextCursor} hasPrevious={Boolean(query.cursor)} />
        </>
      ) : filtered ? (
        <EmptyState icon={SearchX} title="No executions match these filters">Change or clear the filters to see more executions.</EmptyState>
      ) : (
        <EmptyState icon={Activity} title="No executions yet">Every webhook sent by the portal will be listed here with what was sent and what came back.</EmptyState>
      )}
    </>
  );
}
