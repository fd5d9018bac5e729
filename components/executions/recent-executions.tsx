import { Activity } from "lucide-react";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { EmptyState } from "@/components/ui/empty-state";
import type { Ctx } from "@/lib/auth/context";
import { listEventLabels } from "@/lib/events/list-event-labels";
import { listExecutions } from "@/lib/executions/list-executions";
import type { ListExecutionsQuery } from "@/lib/executions/schemas";
import { ExecutionsTable } from "./executions-table";

/**
 * The latest attempts matching a filter (one integration, one event…), with a link to all of them.
 * The page around it keeps it current (LiveRefresh).
 */
export async function RecentExecutions({
  ctx,
  filter,
  limit = 10,
  compact = false,
  empty,
}: {
  ctx: Ctx;
  filter: ListExecutionsQuery;
  limit?: number;
  compact?: boolean;
  empty: string;
}) {
  const page = await listExecutions({ ctx, query: { ...filter, limit } });
  const events = compact ? {} : await listEventLabels({ ctx, ids: page.data.map((a) => a.eventId) });
  const strings = Object.fromEntries(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string"));
  if (page.data.length === 0)
    return (
      <div>
        <EmptyState icon={Activity} title="No executions yet">
          {empty}
        </EmptyState>
      </div>
    );
  const all = new URLSearchParams(strings);
  return (
    <div className="grid gap-2">
      <ExecutionsTable executions={page.data} events={events} compact={compact} caption="Recent executions, newest first" />
      {page.nextCursor && (
        <WorkspaceLink href={`/executions?${all}`} className="justify-self-end text-sm text-primary underline-offset-4 hover:underline">
          All executions
        </WorkspaceLink>
      )}
    </div>
  );
}
