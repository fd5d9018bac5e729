"use client";
import { RotateCw } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { queueBulkRetry, RetryProgress } from "./retry-progress";

/** Retries every failed or interrupted execution the list's filters match, after one confirmation, and shows how far the retries got. */
export function BulkRetryButton({ filters }: { filters: Record<string, string> }) {
  const [queued, setQueued] = useState<string[] | null>(null);
  return (
    <>
      {queued && <RetryProgress ids={queued} key={queued[0]} />}
      <ConfirmDialog
        trigger={
          <Button variant="outline">
            <RotateCw aria-hidden /> Retry all that match…
          </Button>
        }
        title="Retry every failed execution that matches?"
        description="Each failed or interrupted execution matching these filters (at most 1,000) is sent again by hand, with the same webhook-id, by the delivery workers. Scheduled automatic retries of those messages are cancelled. Each retry shows in this list as it goes."
        confirmLabel="Queue the retries"
        onConfirm={async () => {
          const queued = await queueBulkRetry({ filters }, "Nothing to retry: no failed execution matches.");
          if (queued === false) return false;
          setQueued(queued);
          return true;
        }}
      />
    </>
  );
}
