import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AttemptTimeline } from "@/components/executions/attempt-timeline";
import { CancelRetriesButton } from "@/components/executions/cancel-retries-button";
import { ExecutionSummary } from "@/components/executions/execution-summary";
import { MessageTabs } from "@/components/executions/message-tabs";
import { RefreshWhilePending } from "@/components/executions/refresh-while-pending";
import { RetryButton } from "@/components/executions/retry-button";
import { StatusBadge } from "@/components/executions/status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { buildCurlCommand } from "@/lib/executions/curl";
import { getExecution } from "@/lib/executions/get-execution";

export const metadata: Metadata = { title: "Execution" };

export default async function ExecutionPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx("portal.read");
  const execution = await getExecution({ ctx, id: (await params).id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const canTrigger = can(ctx.actor, "integrations.trigger");
  const canRetry = canTrigger && !["pending", "queued", "scheduled"].includes(execution.status) && execution.integrationId !== null;
  const retriesScheduled = canTrigger && execution.timeline.some((a) => a.status === "scheduled");
  return (
    <>
      <PageHeader
        title={`Execution of ${execution.integrationName}`}
        description={<span className="flex items-center gap-2"><StatusBadge status={execution.status} /><span className="font-mono text-xs">{execution.id}</span></span>}
        actions={(canRetry || retriesScheduled) && (
          <>
            {retriesScheduled && <CancelRetriesButton id={execution.id} />}
            {canRetry && <RetryButton id={execution.id} />}
          </>
        )}
      />
      <RefreshWhilePending pending={["pending", "queued"].includes(execution.status)} />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="grid min-w-0 content-start gap-6">
          <ExecutionSummary attempt={execution} />
          <MessageTabs attempt={execution} curl={buildCurlCommand(execution.request)} />
        </div>
        <Card className="self-start">
          <CardHeader><CardTitle>Timeline</CardTitle></CardHeader>
          <CardContent><AttemptTimeline attempts={execution.timeline} currentId={execution.id} /></CardContent>
        </Card>
      </div>
    </>
  );
}
