import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AttemptTimeline } from "@/components/executions/attempt-timeline";
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
  const canRetry = can(ctx.actor, "integrations.trigger") && execution.status !== "pending" && execution.integrationId !== null;
  return (
    <>
      <PageHeader
        title={`Execution of ${execution.integrationName}`}
        description={<span className="flex items-center gap-2"><StatusBadge status={execution.status} /><span className="font-mono text-xs">{execution.id}</span></span>}
        actions={canRetry && <RetryButton id={execution.id} />}
      />
      <RefreshWhilePending pending={execution.status === "pending"} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
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
