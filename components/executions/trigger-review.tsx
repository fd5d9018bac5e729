"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ArrowLeft, FileText, RotateCw, Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { previewTriggerAction, retryExecutionAction, triggerIntegrationAction } from "@/components/executions/actions";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { TriggerInput } from "@/lib/executions/schemas";
import type { AttemptView } from "@/lib/executions/views";
import { statusLabel } from "./labels";
import { RequestPreview } from "./request-preview";
import { TriggerResult } from "./trigger-result";

export type TargetRef = { id: string; name: string };

/** The key of the trigger and retry mutations: while one runs, the dialog stays open. */
export const SENDING = ["trigger-sending"];

const UNREACHABLE = "The portal could not be reached. Check your connection, then try again: the same request is never sent twice.";

/** A key per dialog opening and target; `randomUUID` needs a secure context, random bytes do not. */
const newIdempotencyKey = () =>
  typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

/** The preview of one trigger, then its outcome in place, with Retry after a failure. */
export function TriggerReview({
  title,
  target,
  input,
  onBack,
}: {
  title: string;
  target: TargetRef;
  input: TriggerInput;
  onBack?: () => void;
}) {
  const router = useRouter();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [outcome, setOutcome] = useState<{ attempt: AttemptView; replayed: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const preview = useQuery({
    queryKey: ["trigger-preview", target.id, input],
    queryFn: () => previewTriggerAction({ integrationId: target.id, trigger: input }),
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const settle = (result: { ok: true; attempt: AttemptView; replayed?: boolean } | { ok: false; message: string }) => {
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    setOutcome({ attempt: result.attempt, replayed: result.replayed ?? false });
    router.refresh();
  };
  const send = useMutation({
    mutationKey: SENDING,
    mutationFn: () => triggerIntegrationAction({ integrationId: target.id, trigger: input, idempotencyKey }),
    onSuccess: settle,
    onError: () => setProblem(UNREACHABLE),
  });
  const retry = useMutation({
    mutationKey: SENDING,
    mutationFn: (attemptId: string) => retryExecutionAction({ id: attemptId }),
    onSuccess: settle,
    onError: () => setProblem(UNREACHABLE),
  });

  const loaded = preview.data?.ok ? preview.data.preview : null;
  const failed = outcome && outcome.attempt.status !== "succeeded" && outcome.attempt.status !== "pending";
  return (
    <>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>
          {outcome ? (
            <OutcomeLine status={outcome.attempt.status} name={target.name} />
          ) : (
            <>
              Nothing is sent until you press <strong>Send</strong>. This is the request <strong>{target.name}</strong> will receive.
            </>
          )}
        </DialogDescription>
      </DialogHeader>
      {outcome ? (
        <TriggerResult attempt={outcome.attempt} replayed={outcome.replayed} />
      ) : preview.isPending ? (
        <p className="text-sm text-muted-foreground" role="status">
          Loading the preview…
        </p>
      ) : loaded ? (
        <RequestPreview preview={loaded} />
      ) : (
        <p role="alert" className="text-sm font-medium text-destructive">
          {preview.data && !preview.data.ok ? preview.data.message : UNREACHABLE}
        </p>
      )}
      {problem && (
        <p role="alert" className="text-sm font-medium text-destructive">
          {problem}
        </p>
      )}
      <DialogFooter className="sticky -bottom-6 -mx-6 -mb-6 rounded-b-lg border-t bg-background px-6 py-4">
        {onBack && !outcome && (
          <Button variant="ghost" className="sm:mr-auto" onClick={onBack} disabled={send.isPending}>
            <ArrowLeft aria-hidden /> Choose another
          </Button>
        )}
        {outcome && (
          <Button asChild variant="outline" className="sm:mr-auto">
            <WorkspaceLink href={`/executions/${outcome.attempt.id}`}>
              <FileText aria-hidden /> Open execution
            </WorkspaceLink>
          </Button>
        )}
        <DialogClose asChild>
          <Button variant="outline" disabled={send.isPending || retry.isPending}>
            {outcome ? "Done" : "Cancel"}
          </Button>
        </DialogClose>
        {failed && (
          <Button onClick={() => retry.mutate(outcome.attempt.id)} pending={retry.isPending}>
            <RotateCw aria-hidden /> Retry
          </Button>
        )}
        {!outcome && (
          <Button onClick={() => send.mutate()} pending={send.isPending} disabled={!loaded}>
            <Send aria-hidden /> Send
          </Button>
        )}
      </DialogFooter>
    </>
  );
}

/** One line above the result that agrees with it: what happened to the request, not merely that it left. */
function OutcomeLine({ status, name }: { status: string; name: string }) {
  if (status === "succeeded")
    return (
      <>
        <strong>{name}</strong> accepted the request.
      </>
    );
  if (status === "pending")
    return (
      <>
        The request to <strong>{name}</strong> is still waiting for an answer.
      </>
    );
  if (status === "failed" || status === "interrupted")
    return (
      <>
        The request to <strong>{name}</strong> was not delivered.
      </>
    );
  return (
    <>
      The request to <strong>{name}</strong>: {statusLabel(status).toLowerCase()}.
    </>
  );
}
