import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { DeliveryVerdicts } from "@/components/events/delivery-verdicts";
import { JsonTree } from "@/components/events/json-tree";
import { SeverityBadge } from "@/components/events/severity-badge";
import { LiveRefresh } from "@/components/executions/live-refresh";
import { RecentExecutions } from "@/components/executions/recent-executions";
import { SendEventButton, TriggerPickedIntegrationButton } from "@/components/executions/trigger-buttons";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { explainEventDeliveries } from "@/lib/events/explain-event-deliveries";
import { getEvent } from "@/lib/events/get-event";
import { getEventSchemaCheck } from "@/lib/events/get-event-schema-check";
import { Badge } from "@/components/ui/badge";
import { getDeliveryState } from "@/lib/executions/delivery-state";
import { listTriggerTargets } from "@/lib/executions/list-trigger-targets";
import { DescriptionList } from "@/components/ui/description-list";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx("portal.read");
  const event = await getEvent({ ctx, id: (await params).id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  // Taken before the executions below are read: a delivery while they render shows at the next poll.
  const live = await getDeliveryState({ ctx, query: { eventId: event.id } });
  const [triggerTargets, check, verdicts] = await Promise.all([
    can(ctx.actor, "integrations.trigger") ? listTriggerTargets({ ctx }) : null,
    getEventSchemaCheck({ ctx, id: event.id }),
    explainEventDeliveries({ ctx, eventId: event.id }),
  ]);
  const raw = JSON.stringify(event.details, null, 2);
  const fields: [string, ReactNode][] = [
    [
      "Type",
      <code key="type" className="font-mono text-xs">
        {event.type}
      </code>,
    ],
    ["Severity", <SeverityBadge key="severity" severity={event.severity} />],
    [
      "Schema",
      <span key="schema" className="inline-flex flex-wrap items-center gap-2" data-testid="schema-check">
        {check.schemaVersion === null ? (
          <span className="text-muted-foreground">Not validated</span>
        ) : check.schemaErrors ? (
          <Badge tone="warning">Does not fit version {check.schemaVersion}</Badge>
        ) : (
          <Badge tone="success">Fits version {check.schemaVersion}</Badge>
        )}
        <WorkspaceLink href={`/event-types/${event.type}`} className="text-xs text-primary underline-offset-4 hover:underline">
          Event type
        </WorkspaceLink>
      </span>,
    ],
    ["Source", event.source],
    ["Occurred", <LocalTime key="occurred" value={event.occurredAt} />],
    ["Received", <LocalTime key="received" value={event.createdAt} />],
    [
      "ID",
      <span key="id" className="inline-flex items-center gap-2">
        <code className="font-mono text-xs">{event.id}</code>
        <CopyButton value={event.id} label="Copy event ID" size="icon" />
      </span>,
    ],
  ];
  return (
    <>
      <WorkspaceLink href="/events" className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> Events
      </WorkspaceLink>
      <PageHeader
        title={event.title}
        actions={
          triggerTargets && (
            <>
              <TriggerPickedIntegrationButton targets={triggerTargets} size="default" />
              <SendEventButton event={event} targets={triggerTargets} label="Send to integration" variant="default" size="default" />
            </>
          )
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardContent className="pt-5">
            <DescriptionList items={fields} termWidth="max-content" />
          </CardContent>
        </Card>
        {check.schemaErrors && (
          <Card>
            <CardHeader>
              <CardTitle>Where the details do not fit the schema</CardTitle>
              <CardDescription>
                The type&apos;s validation flags events rather than refusing them: this one was stored and delivered as it came.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-1 text-sm" aria-label="Schema errors">
                {check.schemaErrors.map((e) => (
                  <li key={`${e.pointer} ${e.message}`} className="break-words">
                    <code className="font-mono text-xs">{e.pointer || "/"}</code> {e.message}
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        )}
        <Card>
          <CardHeader className="flex-row items-start justify-between gap-4">
            <div className="grid gap-1">
              <CardTitle>Details</CardTitle>
              <CardDescription>The JSON the source sent with the event; it is part of the webhook payload.</CardDescription>
            </div>
            <CopyButton value={raw} label="Copy raw JSON" />
          </CardHeader>
          <CardContent>
            {Object.keys(event.details).length > 0 ? (
              <JsonTree value={event.details} label="Event details" />
            ) : (
              <p className="text-sm text-muted-foreground">This event has no details.</p>
            )}
          </CardContent>
        </Card>
        <LiveRefresh scope={{ eventId: event.id }} fingerprint={live.fingerprint} />
        <Card aria-labelledby="event-executions">
          <CardHeader>
            <CardTitle id="event-executions">Executions with this event</CardTitle>
          </CardHeader>
          <CardContent>
            <RecentExecutions
              ctx={ctx}
              filter={{ eventId: event.id }}
              empty="When this event is sent to an integration, each delivery and its outcome is listed here."
            />
          </CardContent>
        </Card>
        <Card aria-labelledby="event-subscriptions">
          <CardHeader>
            <CardTitle id="event-subscriptions">Why it was or was not delivered automatically</CardTitle>
            <CardDescription>
              Each subscription of each integration: whether it takes this event, and which rule excludes it.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <DeliveryVerdicts {...verdicts} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
