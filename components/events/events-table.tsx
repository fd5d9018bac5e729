import { SendEventButton } from "@/components/executions/trigger-buttons";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";
import type { EventSummary } from "@/lib/events/schemas";
import type { TriggerTarget } from "@/lib/executions/list-trigger-targets";
import { SeverityBadge } from "./severity-badge";

/** `triggerTargets` is null for a user who may not trigger: no Send column then. */
export function EventsTable({ events, triggerTargets }: { events: EventSummary[]; triggerTargets: TriggerTarget[] | null }) {
  return (
    <Table>
      <caption className="sr-only">Events, newest first</caption>
      <THead>
        <TR>
          <TH scope="col">Occurred</TH>
          <TH scope="col" className={WIDE_ONLY}>
            Type
          </TH>
          <TH scope="col">Title</TH>
          <TH scope="col" className={WIDE_ONLY}>
            Severity
          </TH>
          <TH scope="col" className={WIDE_ONLY}>
            Source
          </TH>
          {triggerTargets && (
            <TH scope="col">
              <span className="sr-only">Actions</span>
            </TH>
          )}
        </TR>
      </THead>
      <TBody>
        {events.map((event) => (
          <TR key={event.id} data-testid={`event-row-${event.id}`}>
            <TD className="whitespace-nowrap text-muted-foreground">
              <LocalTime value={event.occurredAt} relative />
            </TD>
            <TD className={`${WIDE_ONLY} font-mono text-xs`}>{event.type}</TD>
            {/* A title without spaces breaks where it must instead of widening the table. */}
            <TD className="[overflow-wrap:anywhere]">
              <WorkspaceLink
                href={`/events/${event.id}`}
                className="font-medium text-primary underline-offset-4 hover:underline focus-visible:rounded-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                {event.title}
              </WorkspaceLink>
            </TD>
            <TD className={WIDE_ONLY}>
              <SeverityBadge severity={event.severity} />
            </TD>
            <TD className={`${WIDE_ONLY} text-muted-foreground`}>{event.source}</TD>
            {triggerTargets && (
              <TD className="text-right">
                <SendEventButton event={event} targets={triggerTargets} inList />
              </TD>
            )}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
