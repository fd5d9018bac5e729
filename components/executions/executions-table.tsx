"use client";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type RowSelectionState } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { formatDuration } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";
import type { EventLabel } from "@/lib/events/list-event-labels";
import type { AttemptMode } from "@/lib/executions/schemas";
import type { AttemptSummary } from "@/lib/executions/views";
import { attemptLabel, MODE_LABEL, triggeredByLabel } from "./labels";
import { SelectionBar } from "./selection-bar";
import { StatusBadge } from "./status-badge";

const link =
  "font-medium text-primary underline-offset-4 hover:underline focus-visible:rounded-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";
const col = createColumnHelper<AttemptSummary>();

const columns = [
  col.accessor("startedAt", {
    header: "Started",
    cell: ({ row, getValue }) => (
      <WorkspaceLink href={`/executions/${row.original.id}`} className={`${link} whitespace-nowrap`}>
        <LocalTime value={getValue()} relative />
      </WorkspaceLink>
    ),
  }),
  col.accessor("integrationName", {
    id: "integration",
    header: "Integration",
    cell: ({ row, getValue }) =>
      row.original.integrationId ? (
        <WorkspaceLink href={`/integrations/${row.original.integrationId}`} className={link}>
          {getValue()}
        </WorkspaceLink>
      ) : (
        <span>{getValue()} (deleted)</span>
      ),
  }),
  col.accessor("mode", { header: "Mode", cell: ({ getValue }) => MODE_LABEL[getValue() as AttemptMode] ?? getValue() }),
  col.accessor("eventId", {
    id: "event",
    header: "Event",
    cell: ({ getValue, table }) => {
      const id = getValue();
      if (!id) return <span className="text-muted-foreground">–</span>;
      const label = (table.options.meta as TableMeta | undefined)?.events?.[id];
      return (
        <WorkspaceLink
          href={`/events/${id}`}
          className={`${link} grid min-w-40 max-w-72`}
          title={label ? `${label.title} (${label.type})` : id}
        >
          {label ? (
            <>
              <span className="truncate">{label.title}</span>
              <span className="truncate font-mono text-xs font-normal text-muted-foreground">{label.type}</span>
            </>
          ) : (
            <span className="font-mono text-xs">Event {id.slice(-8)}</span>
          )}
        </WorkspaceLink>
      );
    },
  }),
  col.accessor("kind", { header: "Kind", cell: ({ row }) => attemptLabel(row.original) }),
  col.accessor((a) => triggeredByLabel(a), {
    id: "triggeredBy",
    header: "Triggered by",
    cell: ({ row, getValue }) =>
      row.original.triggeredBy ? (
        getValue()
      ) : (
        <span className="text-muted-foreground">{row.original.subscriptionId ? "Automatic" : "System"}</span>
      ),
  }),
  col.accessor("status", {
    header: "Status",
    cell: ({ row, getValue, table }) => (
      <span className="grid justify-items-start gap-0.5">
        <StatusBadge status={getValue()} />
        {row.original.nextRetryAt &&
          ((table.options.meta as TableMeta | undefined)?.retried?.has(row.original.id) ? (
            <span className="text-xs text-muted-foreground">retried</span>
          ) : (
            <span className="text-xs text-muted-foreground">
              retry due <LocalTime value={row.original.nextRetryAt} />
            </span>
          ))}
        {row.original.status === "scheduled" && row.original.dueAt && (
          <span className="text-xs text-muted-foreground">
            due <LocalTime value={row.original.dueAt} />
          </span>
        )}
        {"newerSchemaThanPinned" in row.original && (
          <span
            className="text-xs text-amber-700 dark:text-amber-400"
            title="The event was checked against a newer schema version than the subscription pins"
          >
            newer schema than pinned
          </span>
        )}
      </span>
    ),
  }),
  col.accessor("httpStatus", { header: "HTTP", cell: ({ getValue }) => <span className="font-mono">{getValue() ?? "–"}</span> }),
  col.accessor("durationMs", {
    header: "Duration",
    cell: ({ getValue }) => <span className="whitespace-nowrap">{formatDuration(getValue())}</span>,
  }),
];

/** What a bulk retry takes: a failed or interrupted attempt of an integration that still exists. */
const retryable = (a: AttemptSummary) => (a.status === "failed" || a.status === "interrupted") && a.integrationId !== null;

const selectColumn = col.display({
  id: "select",
  header: ({ table }) => (
    <input
      type="checkbox"
      aria-label="Select every failed execution on this page"
      className="size-4 accent-primary align-middle"
      disabled={!table.getRowModel().rows.some((r) => r.getCanSelect())}
      checked={table.getIsAllRowsSelected()}
      ref={(el) => {
        if (el) el.indeterminate = table.getIsSomeRowsSelected();
      }}
      onChange={table.getToggleAllRowsSelectedHandler()}
    />
  ),
  cell: ({ row }) =>
    row.getCanSelect() ? (
      <input
        type="checkbox"
        aria-label="Select for retry"
        className="size-4 accent-primary align-middle"
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
      />
    ) : null,
});

const SELECTABLE_COLUMNS = [selectColumn, ...columns];
const COMPACT_HIDDEN = { integration: false, mode: false, event: false };
const ALL_SHOWN = {};
/** Columns left out on narrow screens, so that time, integration and outcome fit without scrolling. */
const WIDE_COLUMNS = new Set(["mode", "event", "kind", "triggeredBy", "httpStatus", "durationMs"]);

interface TableMeta {
  /** Type and title of the events the rows were sent with, by event id. */
  events?: Record<string, EventLabel>;
  /** Attempts on the page that a later attempt on the page retried: their retry is past, not to come. */
  retried?: Set<string>;
}

/**
 * Attempts, newest first, as given (the page loads and paginates them, and keeps itself current
 * with LiveRefresh). `compact` leaves out integration, mode and event, for a page that
 * is about one integration already. `selectable` adds a checkbox to each failed or interrupted row
 * and a bar to retry the chosen ones.
 */
export function ExecutionsTable({
  executions,
  events,
  compact = false,
  selectable = false,
  caption = "Executions, newest first",
}: {
  executions: AttemptSummary[];
  events?: Record<string, EventLabel>;
  compact?: boolean;
  selectable?: boolean;
  caption?: string;
}) {
  const data = executions;
  const meta: TableMeta = useMemo(
    () => ({
      events,
      retried: new Set(executions.filter((a) => a.status !== "scheduled").flatMap((a) => (a.retryOfId ? [a.retryOfId] : []))),
    }),
    [events, executions],
  );
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const table = useReactTable({
    data,
    columns: selectable ? SELECTABLE_COLUMNS : columns,
    meta,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (a) => a.id,
    enableRowSelection: (row) => retryable(row.original),
    onRowSelectionChange: setRowSelection,
    state: { columnVisibility: compact ? COMPACT_HIDDEN : ALL_SHOWN, rowSelection },
  });
  // Rows that left the page or stopped being retryable (a live update) drop out of the selection.
  const selected = table
    .getSelectedRowModel()
    .rows.filter((r) => r.getCanSelect())
    .map((r) => r.id);
  return (
    <>
      {selectable && <SelectionBar ids={selected} onClear={() => setRowSelection({})} />}
      <Table>
        <caption className="sr-only">{caption}</caption>
        <THead>
          {table.getHeaderGroups().map((group) => (
            <TR key={group.id}>
              {group.headers.map((h) => (
                <TH key={h.id} scope="col" className={WIDE_COLUMNS.has(h.column.id) ? WIDE_ONLY : undefined}>
                  {flexRender(h.column.columnDef.header, h.getContext())}
                </TH>
              ))}
            </TR>
          ))}
        </THead>
        <TBody>
          {table.getRowModel().rows.map((row) => (
            <TR key={row.id} data-testid={`execution-row-${row.id}`}>
              {row.getVisibleCells().map((cell) => (
                <TD key={cell.id} className={WIDE_COLUMNS.has(cell.column.id) ? WIDE_ONLY : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TD>
              ))}
            </TR>
          ))}
        </TBody>
      </Table>
    </>
  );
}
