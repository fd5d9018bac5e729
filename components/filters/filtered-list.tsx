import { SearchX, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * A filtered, cursor-paged list page's body: the rows and the pager, or why there are none —
 * filters the server refused, filters that match nothing, or nothing recorded yet.
 */
export function FilteredList<T>({
  result,
  filtered,
  cursor,
  noun,
  href,
  empty,
  children,
}: {
  result: { page: Page<T> } | { problem: string };
  /** Whether any filter is set. */
  filtered: boolean;
  cursor: string | undefined;
  /** Plural, lower case: "events". */
  noun: string;
  /** The list without filters. */
  href: string;
  empty: { icon: LucideIcon; title: string; body: ReactNode };
  children: (rows: T[]) => ReactNode;
}) {
  if ("problem" in result) {
    return (
      <EmptyState icon={SearchX} title="These filters are not valid">
        {result.problem}{" "}
        <WorkspaceLink href={href} className="text-primary underline">
          Show all {noun}
        </WorkspaceLink>
      </EmptyState>
    );
  }
  const { data, nextCursor } = result.page;
  if (data.length > 0) {
    return (
      <>
        {children(data)}
        <Pager nextCursor={nextCursor} hasPrevious={Boolean(cursor)} />
      </>
    );
  }
  if (filtered) {
    return (
      <EmptyState icon={SearchX} title={`No ${noun} match these filters`}>
        Change or clear the filters to see more {noun}.
      </EmptyState>
    );
  }
  return (
    <EmptyState icon={empty.icon} title={empty.title}>
      {empty.body}
    </EmptyState>
  );
}
