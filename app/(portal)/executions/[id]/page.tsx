import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AttemptTimeline } from "@/components/executions/attempt-timeline";
import { CancelRetriesButton } from "@/components/executions/cancel-retries-button";
import { ExecutionSummary } from "@/components/executions/execution-summary";
import { attemptName } from "@/components/executions/labels";
import { MessageTabs } from "@/components/executions/message-tabs";
import { LiveRefresh } from "@/components/executions/live-refresh";
import { RetryButton } from "@/components/executions/retry-button";
import { StatusBadge } from "@/components/executions/status-badge";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { curlCommandFor } from "@/lib/executions/curl";
import { messageFingerprint } from "@/lib/executions/delivery-state";
import { getExecution } from "@/lib/executions/get-execution";
import type { AttemptSummary } from "@/lib/executions/views";

export const metadata: Metadata = { title: "Execution" };

export default async function ExecutionPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx("portal.read");
  const id = (await params).id;
  const execution = await getExecution({ ctx, id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  // The state of the message's attempts as read here: any later change (a retry that ran, one
  // scheduled or cancelled) reloads the page.
  const fingerprint = messageFingerprint(execution.timeline);
  const canTrigger = can(ctx.actor, "integrations.trigger");
  const canRetry = canTrigger && !["pending", "queued", "scheduled"].includes(execution.status) && execution.integrationId !== null;
  const retriesScheduled = canTrigger && execution.timeline.some((a) => a.status === "scheduled");
  const deliveredBy = execution.status === "succeeded" ? null : laterDelivery(execution.timeline, execution.id);
  return (
    <>
      <PageHeader
        title={`Execution of ${execution.integrationName}`}
        description={
          <span className="flex items-center gap-2">
            <StatusBadge status={execution.status} />
            <span className="font-mono text-xs">{execution.id}</span>
          </span>
        }
        actions={
          (canRetry || retriesScheduled) && (
            <>
              {retriesScheduled && <CancelRetriesButton id={execution.id} />}
              {canRetry && <RetryButton id={execution.id} variant={deliveredBy ? "outline" : "default"} />}
            </>
          )
        }
      />
      {deliveredBy && (
        <p
          data-testid="delivered-by"
          className="mb-6 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
        >
          Delivered by{" "}
          <WorkspaceLink href={`/executions/${deliveredBy.id}`} className="font-medium underline underline-offset-4">
            {deliveredBy.label}
          </WorkspaceLink>
          : this message reached the receiver, so it needs no further retry.
        </p>
      )}
      {execution.schemaPin?.newer && (
        <p data-testid="schema-pin" className="mb-6 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This event was checked against version {execution.schemaPin.eventVersion} of the schema of{" "}
          <WorkspaceLink
            href={`/event-types/${execution.schemaPin.eventType}`}
            className="font-mono font-medium underline underline-offset-4"
          >
            {execution.schemaPin.eventType}
          </WorkspaceLink>
          ; the subscription is pinned to version {execution.schemaPin.pinnedVersion}: the receiver may not expect what changed since.
        </p>
      )}
      <LiveRefresh scope={{ messageId: execution.messageId }} fingerprint={fingerprint} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid min-w-0 content-start gap-6">
          <ExecutionSummary attempt={execution} />
          <MessageTabs attempt={execution} curl={curlCommandFor(execution)} />
        </div>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Timeline</CardTitle>
          </CardHeader>
          <CardContent>
            <AttemptTimeline attempts={execution.timeline} currentId={execution.id} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}

/** The first attempt after this one (same message) that the receiver accepted, named as the timeline names it. */
function laterDelivery(timeline: AttemptSummary[], currentId: string): { id: string; label: string } | null {
  const current = timeline.findIndex((a) => a.id === currentId);
  if (current < 0) return null;
  const index = timeline.findIndex((a, i) => i > current && a.status === "succeeded");
  if (index < 0) return null;
  return { id: timeline[index].id, label: attemptName(timeline[index].kind, index, timeline[index].retryNumber).toLowerCase() };
}
