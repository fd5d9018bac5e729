import { CalendarClock, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { EventFilters } from "@/components/events/event-filters";
import { EventsTable } from "@/components/events/events-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import type { Ctx } from "@/lib/auth/context";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { listEvents } from "@/lib/events/list-events";
import { listEventsQuery } from "@/lib/events/schemas";
import { listTriggerTargets } from "@/lib/executions/list-trigger-targets";

export const metadata: Metadata = { title: "Events" };

type SearchParams = Record<string, string | string[] | undefined>;
const FILTERS = ["q", "type", "severity", "source", "from", "to"];

export default async function EventsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePageCtx("portal.read");
  const query = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const filtered = FILTERS.some((f) => query[f]?.trim());
  const [result, triggerTargets] = await Promise.all([load(ctx, query), can(ctx.actor, "integrations.trigger") ? listTriggerTargets({ ctx }) : null]);
  return (
    <>
      <PageHeader title="Events" description="What happened in the systems around the portal, newest first. Open an event to read its details." />
      <EventFilters />
      {"problem" in result ? (
        <EmptyState icon={SearchX} title="These filters are not valid">
          {result.problem} <Link href="/events" className="text-primary underline">Show all events</Link>
        </EmptyState>
      ) : result.data.length > 0 ? (
        <>
          <EventsTable events={result.data} triggerTargets={triggerTargets} />
          <Pager nextCursor={result.nextCursor} hasPrevious={Boolean(query.cursor)} />
        </>
      ) : filtered ? (
        <EmptyState icon={SearchX} title="No events match these filters">Change or clear the filters to see more events.</EmptyState>
      ) : (
        <EmptyState icon={CalendarClock} title="No events yet">
          Events arrive through <code className="font-mono">POST /api/v1/events</code>, sent with an admin&apos;s API token, and appear here.
        </EmptyState>
      )}
    </>
  );
}

/** The page of events, or why the query string (edited by hand, an old cursor) cannot be served. */
async function load(ctx: Ctx, query: Record<string, string | undefined>) {
  const parsed = listEventsQuery.safeParse(query);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[] | undefined> = z.flattenError(parsed.error).fieldErrors;
    return { problem: Object.entries(fieldErrors).map(([name, messages]) => `${name}: ${messages?.[0]}.`).join(" ") };
  }
  try {
    return await listEvents({ ctx, filters: parsed.data });
  } catch (error) {
    if (error instanceof AppError && error.code === "validation_failed") return { problem: error.message };
    throw error;
  }
}
