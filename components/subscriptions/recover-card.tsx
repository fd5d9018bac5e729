"use client";
import { useQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { cancelRecoveryAction, startRecoveryAction } from "./actions";
import { useWorkspaceApiHref } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { Input } from "@/components/ui/input";
import { RECOVERABLE_STATUSES } from "@/lib/executions/schemas";

interface Run {
  id: string;
  state: string;
  since: string;
  matched: number;
  processed: number;
  requeued: number;
  createdBy: string | null;
  createdAt: string;
}

/** Local "yyyy-mm-ddThh:mm" for a datetime-local input, 24 hours ago. */
function dayAgo(): string {
  const d = new Date(Date.now() - 24 * 3600_000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/**
 * "Recover": sends again every failed, interrupted or skipped automatic delivery since a time, as
 * a background job; the latest runs and their progress are shown (and followed while running).
 */
export function RecoverCard({ integrationId, canRecover }: { integrationId: string; canRecover: boolean }) {
  const [open, setOpen] = useState(false);
  const [since, setSince] = useState(dayAgo);
  const [statuses, setStatuses] = useState<string[]>([...RECOVERABLE_STATUSES]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toApi = useWorkspaceApiHref();
  const runs = useQuery({
    queryKey: ["recoveries", toApi("/api/v1"), integrationId],
    queryFn: async () => {
      const res = await fetch(toApi(`/api/v1/integrations/${integrationId}/recover`));
      if (!res.ok) throw new Error(`GET recoveries: ${res.status}`);
      return ((await res.json()) as { data: Run[] }).data;
    },
    refetchInterval: (q) => (q.state.data?.some((r) => r.state === "queued" || r.state === "running") ? 1500 : false),
  });

  const start = async () => {
    setPending(true);
    setError(null);
    const result = await startRecoveryAction({
      integrationId,
      recover: { since: new Date(since).toISOString(), statuses: statuses as never },
    });
    setPending(false);
    if (!result.ok) return setError(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.message);
    toast.success("Recover started: the deliveries are queued in the background.");
    setOpen(false);
    void runs.refetch();
  };
  const cancel = async (id: string) => {
    const result = await cancelRecoveryAction({ id });
    if (!result.ok) return void toast.error(result.message);
    void runs.refetch();
  };

  const latest = runs.data ?? [];
  return (
    <div className="grid gap-2 rounded-md border p-3" data-testid="recover">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="grid gap-0.5">
          <h3 className="text-sm font-medium">Recover failed deliveries</h3>
          <p className="text-xs text-muted-foreground">
            Send again every automatic delivery since a time whose last attempt failed, was interrupted or skipped (at most 10,000).
          </p>
        </div>
        {canRecover && (
          <Dialog open={open} onOpenChange={setOpen}>
            <DialogTrigger asChild>
              <Button variant="outline" size="sm">
                <History aria-hidden /> Recover…
              </Button>
            </DialogTrigger>
            <DialogContent>
              <DialogHeader>
                <DialogTitle>Recover failed deliveries</DialogTitle>
                <DialogDescription>
                  Each is sent again as a new attempt of the same message (same webhook-id). Running it twice does not send anything twice.
                </DialogDescription>
              </DialogHeader>
              <Field id="recover-since" label="Since (your local time)" error={error ?? undefined}>
                <Input id="recover-since" type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
              </Field>
              <fieldset className="grid gap-1.5 text-sm">
                <legend className="mb-1 font-medium">Whose last attempt</legend>
                {RECOVERABLE_STATUSES.map((s) => (
                  <label key={s} className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      className="size-4"
                      checked={statuses.includes(s)}
                      onChange={(e) => setStatuses(e.target.checked ? [...statuses, s] : statuses.filter((x) => x !== s))}
                    />
                    {s}
                  </label>
                ))}
              </fieldset>
              <DialogFooter>
                <Button onClick={start} pending={pending}>
                  Start recover
                </Button>
              </DialogFooter>
            </DialogContent>
          </Dialog>
        )}
      </div>
      {latest.length > 0 && (
        <ul className="grid gap-1 text-xs" aria-label="Latest recovers">
          {latest.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-2" data-testid="recovery-run">
              <span className="font-medium">{r.state}</span>
              <span>
                {r.requeued} of {r.matched} queued again
              </span>
              <span className="text-muted-foreground">
                since <LocalTime value={r.since} /> · by {r.createdBy ?? "—"} · <LocalTime value={r.createdAt} relative />
              </span>
              {canRecover && (r.state === "queued" || r.state === "running") && (
                <Button variant="ghost" size="sm" onClick={() => cancel(r.id)}>
                  Cancel
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
