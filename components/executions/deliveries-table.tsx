"use client";
import { ChevronDown, ChevronRight } from "lucide-react";
import { Fragment, useState } from "react";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { formatDuration } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";
import type { EventLabel } from "@/lib/events/list-event-labels";
import type { DeliveryRow } from "@/lib/executions/list-deliveries";
import { timelineTimes } from "@/lib/executions/timeline";
import { attemptLabel, attemptName, modeLabel, triggeredByLabel } from "./labels";
import { SelectionBar } from "./selection-bar";
import { StatusBadge } from "./status-badge";

const link =
  "font-medium text-primary underline-offset-4 hover:underline focus-visible:rounded-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

/** What a bulk retry takes: a delivery whose latest attempt failed or was interrupted, of an integration that still exists. */
const retryable = (d: DeliveryRow) => (d.last.status === "failed" || d.last.status === "interrupted") && d.last.integrationId !== null;

/**
 * The executions list grouped by message: one row per delivery with its attempt count and final
 * state; a row opens to its attempts, each one click from its own page. `selectable` adds a
 * checkbox to each delivery that ended failed or interrupted, to retry the chosen ones.
 */
export function DeliveriesTable({
  deliveries,
  events,
  selectable = false,
}: {
  deliveries: DeliveryRow[];
  events?: Record<string, EventLabel>;
  selectable?: boolean;
}) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  // Only what is on the page and still retryable stays chosen (the page updates itself).
  const selectableIds = deliveries.filter(retryable).map((d) => d.last.id);
  const selected = selectableIds.filter((id) => chosen.has(id));
  const toggle = (set: Set<string>, id: string) => {
    const next = new Set(set);
    if (!next.delete(id)) next.add(id);
    return next;
  };
  const columns = selectable ? 9 : 8;
  return (
    <>
      {selectable && <SelectionBar ids={selected} onClear={() => setChosen(new Set())} />}
      <Table>
        <caption className="sr-only">Deliveries, newest first, each with its attempts</caption>
        <THead>
          <TR>
            {selectable && (
              <TH scope="col" className="w-8">
                <input
                  type="checkbox"
                  aria-label="Select every failed delivery on this page"
                  className="size-4 accent-primary align-middle"
                  disabled={selectableIds.length === 0}
                  checked={selectableIds.length > 0 && selected.length === selectableIds.length}
                  onChange={(e) => setChosen(e.target.checked ? new Set(selectableIds) : new Set())}
                />
              </TH>
            )}
            <TH scope="col">Started</TH>
            <TH scope="col">Integration</TH>
            <TH scope="col" className={WIDE_ONLY}>
              Event
            </TH>
            <TH scope="col" className={WIDE_ONLY}>
              Kind
            </TH>
            <TH scope="col" className={WIDE_ONLY}>
              Triggered by
            </TH>
            <TH scope="col">
              <span className="sm:hidden">Tries</span>
              <span className="hidden sm:inline">Attempts</span>
            </TH>
            <TH scope="col">Status</TH>
            <TH scope="col" className={WIDE_ONLY}>
              HTTP
            </TH>
          </TR>
        </THead>
        <TBody>
          {deliveries.map((d) => {
            const expanded = open.has(d.messageId);
            const label = d.first.eventId ? events?.[d.first.eventId] : undefined;
            return (
              <Fragment key={d.messageId}>
                <TR data-testid={`delivery-row-${d.messageId}`}>
                  {selectable && (
                    <TD>
                      {retryable(d) && (
                        <input
                          type="checkbox"
                          aria-label="Select for retry"
                          className="size-4 accent-primary align-middle"
                          checked={chosen.has(d.last.id)}
                          onChange={() => setChosen((c) => toggle(c, d.last.id))}
                        />
                      )}
                    </TD>
                  )}
                  <TD>
                    <WorkspaceLink href={`/executions/${d.last.id}`} className={`${link} sm:whitespace-nowrap`}>
                      <LocalTime value={d.first.startedAt} relative />
                    </WorkspaceLink>
                  </TD>
                  <TD className="max-w-24 break-words sm:max-w-48">
                    {d.first.integrationId ? (
                      <WorkspaceLink href={`/integrations/${d.first.integrationId}`} className={link}>
                        {d.first.integrationName}
                      </WorkspaceLink>
                    ) : (
                      <span>{d.first.integrationName} (deleted)</span>
                    )}
                  </TD>
                  <TD className={WIDE_ONLY}>
                    {d.first.eventId ? (
                      <WorkspaceLink href={`/events/${d.first.eventId}`} className={`${link} grid min-w-40 max-w-72`} title={label?.title}>
                        <span className="truncate">{label ? label.title : `Event ${d.first.eventId.slice(-8)}`}</span>
                        {label && <span className="truncate font-mono text-xs font-normal text-muted-foreground">{label.type}</span>}
                      </WorkspaceLink>
                    ) : (
                      <span className="text-muted-foreground">{modeLabel(d.first.mode)}</span>
                    )}
                  </TD>
                  <TD className={WIDE_ONLY}>{attemptLabel(d.first)}</TD>
                  <TD className={WIDE_ONLY}>
                    {d.first.triggeredBy ? (
                      triggeredByLabel(d.first)
                    ) : (
                      <span className="text-muted-foreground">{triggeredByLabel(d.first)}</span>
                    )}
                  </TD>
                  <TD>
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 rounded-sm text-sm hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                      aria-expanded={expanded}
                      aria-controls={`attempts-${d.messageId}`}
                      aria-label={`${d.attempts.length} ${d.attempts.length === 1 ? "attempt" : "attempts"}: ${expanded ? "hide" : "show"} them`}
                      onClick={() => setOpen((o) => toggle(o, d.messageId))}
                      data-testid="attempt-count"
                    >
                      {expanded ? <ChevronDown className="size-4" aria-hidden /> : <ChevronRight className="size-4" aria-hidden />}
                      {d.attempts.length}
                    </button>
                  </TD>
                  <TD>
                    <span className="grid justify-items-start gap-0.5">
                      <StatusBadge status={d.last.status} />
                      {d.last.status === "scheduled" && d.last.dueAt && (
                        <span className="text-xs text-muted-foreground">
                          retry due <LocalTime value={d.last.dueAt} />
                        </span>
                      )}
                      {"newerSchemaThanPinned" in d.first && (
                        <span className="text-xs text-amber-700 dark:text-amber-400">newer schema than pinned</span>
                      )}
                    </span>
                  </TD>
                  <TD className={WIDE_ONLY}>
                    <span className="font-mono">{d.last.httpStatus ?? "–"}</span>
                  </TD>
                </TR>
                {expanded && (
                  <TR className="bg-muted/30 hover:bg-muted/30">
                    <TD colSpan={columns} className="py-2">
                      <AttemptList delivery={d} />
                    </TD>
                  </TR>
                )}
              </Fragment>
            );
          })}
        </TBody>
      </Table>
    </>
  );
}

/** A delivery's attempts, first to last, each a link to its own page. */
function AttemptList({ delivery }: { delivery: DeliveryRow }) {
  const times = timelineTimes(delivery.attempts);
  return (
    <ol id={`attempts-${delivery.messageId}`} aria-label={`Attempts of ${delivery.messageId}`} className="grid gap-1.5 pl-6">
      {delivery.attempts.map((a, i) => (
        <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="delivery-attempt">
          <WorkspaceLink href={`/executions/${a.id}`} className={link}>
            {attemptName(a.kind, i, a.retryNumber)}
          </WorkspaceLink>
          <StatusBadge status={a.status} />
          <span className="text-xs text-muted-foreground">
            {times[i]!.atKind === "sent" ? "sent " : times[i]!.atKind === "due" ? "due " : ""}
            <LocalTime value={times[i]!.at} />
          </span>
          {a.httpStatus !== null && <span className="font-mono text-xs">HTTP {a.httpStatus}</span>}
          {a.durationMs !== null && <span className="text-xs text-muted-foreground">{formatDuration(a.durationMs)}</span>}
          {a.errorMessage && <span className="min-w-0 break-words text-xs text-muted-foreground">{a.errorMessage}</span>}
        </li>
      ))}
    </ol>
  );
}
