"use client";
import { RotateCw, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { queueBulkRetry, RetryProgress } from "./retry-progress";

/** The chosen rows of the executions list: retry them all after one confirmation, and follow the retries. */
export function SelectionBar({ ids, onClear }: { ids: string[]; onClear: () => void }) {
  const [queued, setQueued] = useState<string[] | null>(null);
  if (ids.length === 0 && !queued) return null;
  const n = ids.length;
  return (
    <div className="mb-2 flex flex-wrap items-center gap-3 rounded-lg border bg-muted/40 px-3 py-2 text-sm" data-testid="selection-bar">
      {n > 0 && (
        <>
          <span className="font-medium">{n} selected</span>
          <ConfirmDialog
            trigger={
              <Button size="sm">
                <RotateCw aria-hidden /> Retry selected…
              </Button>
            }
            title={`Retry ${n} selected ${n === 1 ? "execution" : "executions"}?`}
            description="Each one is sent again by hand, with the same webhook-id, by the delivery workers. Scheduled automatic retries of those messages are cancelled; a message already being sent again is left out."
            confirmLabel="Queue the retries"
            onConfirm={async () => {
              const queued = await queueBulkRetry({ ids }, "Nothing to retry: each is already being sent again.");
              if (queued === false) return false;
              setQueued(queued);
              onClear();
              return true;
            }}
          />
          <Button size="sm" variant="ghost" onClick={onClear}>
            <X aria-hidden /> Clear selection
          </Button>
        </>
      )}
      {queued && <RetryProgress ids={queued} key={queued[0]} />}
    </div>
  );
}
