import { History, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/audit-log/audit-filters";
import { AuditTable } from "@/components/audit-log/audit-table";
import { ExportLinks } from "@/components/filters/export-links";
import { filtersKey, loadOrProblem, singleValues, type SearchParams } from "@/components/filters/query";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { listAuditActions } from "@/lib/audit-log/list-audit-actions";
import { listAuditLog } from "@/lib/audit-log/list-audit-log";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { listFilterOptions } from "@/lib/executions/filter-options";

export const metadata: Metadata = { title: "Audit log" };

const FILTERS = ["actorId", "action", "targetType", "targetId", "from", "to"];

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePageCtx("audit.read");
  const query = singleValues(await searchParams);
  const [actions, { users }, result] = await Promise.all([listAuditActions({ ctx }), listFilterOptions({ ctx }), loadOrProblem(() => listAuditLog({ ctx, query }))]);
  const filtered = FILTERS.some((f) => query[f]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in the portal: who, when, from where, and what changed. Open a row to see the difference."
        actions={<ExportLinks endpoint="/api/v1/audit-log/export" query={query} what="these audit entries" />}
      />
      <AuditFilters actions={actions} users={users} key={filtersKey(FILTERS, query)} />
      {"problem" in result ? (
        <EmptyState icon={SearchX} title="These filters are not valid">
          {result.problem} <Link href="/audit-log" className="text-primary underline">Show all entries</Link>
        </EmptyState>
      ) : result.page.data.length > 0 ? (
        <>
          <AuditTable entries={result.page.data} />
          <Pager nextCursor={result.page.nextCursor} hasPrevious={Boolean(query.cursor)} />
        </>
      ) : filtered ? (
        <EmptyState icon={SearchX} title="No entries match these filters">Change or clear the filters to see more entries.</EmptyState>
      ) : (
        <EmptyState icon={History} title="Nothing recorded yet">Sign-ins, changes to integrations, webhooks and users, and every webhook sent will be listed here.</EmptyState>
      )}
    </>
  );
}
