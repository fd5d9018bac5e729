import { CalendarClock } from "lucide-react";
import type { Metadata } from "next";
import { EventFilters } from "@/components/events/event-filters";
import { EventsTable } from "@/components/events/events-table";
import { LiveRefresh } from "@/components/executions/live-refresh";
import { FilteredList } from "@/components/filters/filtered-list";
import { loadOrProblem, singleValues, type SearchParams } from "@/components/filters/query";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { can } from "@/lib/auth/permissions";
import { listEvents } from "@/lib/events/list-events";
import { getDeliveryState } from "@/lib/executions/delivery-state";
import { listTriggerTargets } from "@/lib/executions/list-trigger-targets";

export const metadata: Metadata = { title: "Events" };

const FILTERS = ["q", "type", "severity", "source", "from", "to"];

export default async function EventsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePageCtx("portal.read");
  const query = singleValues(await searchParams);
  const filtered = FILTERS.some((f) => query[f]?.trim());
  // Taken before the list is read: an event ingested while it renders shows at the next poll.
  const live = await getDeliveryState({ ctx, query: { events: "1" } });
  const [result, triggerTargets] = await Promise.all([
    loadOrProblem(() => listEvents({ ctx, query })),
    can(ctx.actor, "integrations.trigger") ? listTriggerTargets({ ctx }) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Events"
        description="What happened in the systems around the portal, newest first. Open an event to read its details."
      />
      <LiveRefresh scope={{ events: "1" }} fingerprint={live.fingerprint} />
      <EventFilters />
      <FilteredList
        result={result}
        filtered={filtered}
        cursor={query.cursor}
        noun="events"
        href="/events"
        empty={{
          icon: CalendarClock,
          title: "No events yet",
          body: (
            <>
              Events arrive through <code className="font-mono">POST /api/v1/events</code>, sent with an admin&apos;s API token, and appear
              here.
            </>
          ),
        }}
      >
        {(events) => <EventsTable events={events} triggerTargets={triggerTargets} />}
      </FilteredList>
    </>
  );
}
