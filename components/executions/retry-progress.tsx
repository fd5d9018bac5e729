"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { toast } from "sonner";
import { bulkRetryAction, retryProgressAction } from "@/components/executions/actions";
import type { RetryProgress as Progress } from "@/lib/executions/get-retry-progress";

const POLL_MS = 1500;

/**
 * Queues a bulk retry (chosen rows, or all that match filters) and says what it did. Returns the
 * queued attempts' ids to follow (null when none), or false when it was refused.
 */
export async function queueBulkRetry(
  input: Parameters<typeof bulkRetryAction>[0],
  nothingToRetry: string,
): Promise<string[] | null | false> {
  const result = await bulkRetryAction(input);
  if (!result.ok) {
    toast.error(result.message);
    return false;
  }
  toast.success(result.queued > 0 ? `Queued ${result.queued} ${result.queued === 1 ? "retry" : "retries"}.` : nothingToRetry);
  return result.attemptIds.length > 0 ? result.attemptIds : null;
}

async function fetchProgress(ids: string[]): Promise<Progress> {
  const result = await retryProgressAction({ ids });
  if (!result.ok) throw new Error(result.message);
  return result.progress;
}

/**
 * How far the retries a bulk retry queued have got, polled until none is waiting; then the
 * list is refreshed once so that it shows their outcomes.
 */
export function RetryProgress({ ids }: { ids: string[] }) {
  const router = useRouter();
  const { data, error } = useQuery({
    queryKey: ["retry-progress", ids[0], ids.length],
    queryFn: () => fetchProgress(ids),
    refetchInterval: (q) => (q.state.data && q.state.data.waiting === 0 ? false : POLL_MS),
  });
  const finished = data !== undefined && data.waiting === 0;
  useEffect(() => {
    if (finished) router.refresh();
  }, [finished, router]);
  if (error)
    return (
      <p role="status" className="text-xs text-destructive">
        The retries’ progress could not be read: {error.message}
      </p>
    );
  const done = data ? data.total - data.waiting : 0;
  const total = data?.total ?? ids.length;
  return (
    <div role="status" data-testid="retry-progress" className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
      <progress value={done} max={total} className="h-2 w-32 accent-primary" aria-label="Retries finished" />
      <span>
        {finished ? "Retries finished" : "Retrying"}: {done} of {total} done
        {data && ` · ${data.succeeded} delivered · ${data.failed} failed`}
      </span>
    </div>
  );
}
