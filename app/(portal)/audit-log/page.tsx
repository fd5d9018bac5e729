import { History } from "lucide-react";
import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit-log/audit-filters";
import { AuditTable } from "@/components/audit-log/audit-table";
import { ExportLinks } from "@/components/filters/export-links";
import { FilteredList } from "@/components/filters/filtered-list";
import { filtersKey, loadOrProblem, singleValues, type SearchParams } from "@/components/filters/query";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditActions } from "@/lib/audit-log/list-audit-actions";
import { listAuditLog } from "@/lib/audit-log/list-audit-log";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { getFilterLabels } from "@/lib/executions/get-filter-labels";

export const metadata: Metadata = { title: "Audit log" };

const FILTERS = ["actorId", "action", "targetType", "targetId", "target", "from", "to"];

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePageCtx("audit.read");
  const query = singleValues(await searchParams);
  const [actions, labels, result] = await Promise.all([
    listAuditActions({ ctx }),
    getFilterLabels({ ctx, input: { userIds: query.actorId ? [query.actorId] : [] } }),
    loadOrProblem(() => listAuditLog({ ctx, query })),
  ]);
  const filtered = FILTERS.some((f) => query[f]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in the portal: who, when, from where, and what changed. Open a row to see the difference."
        actions={<ExportLinks endpoint="/api/v1/audit-log/export" query={query} what="these audit entries" />}
      />
      <AuditFilters actions={actions} actorLabel={query.actorId ? labels[query.actorId] : undefined} key={filtersKey(FILTERS, query)} />
      <FilteredList
        result={result}
        filtered={filtered}
        cursor={query.cursor}
        noun="entries"
        href="/audit-log"
        empty={{
          icon: History,
          title: "Nothing recorded yet",
          body: "Sign-ins, changes to integrations, webhooks and users, and every webhook sent will be listed here.",
        }}
      >
        {(entries) => <AuditTable entries={entries} />}
      </FilteredList>
    </>
  );
}
