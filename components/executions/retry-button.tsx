"use client";
import { RotateCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { retryExecutionAction } from "@/components/executions/actions";
import { useWorkspaceHref } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";

/** Sends the message again now; on success opens the new attempt, on failure says why beside the button. */
export function RetryButton({ id, variant = "default" }: { id: string; variant?: "default" | "outline" }) {
  const router = useRouter();
  const toHref = useWorkspaceHref();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const retry = () =>
    startTransition(async () => {
      setError(null);
      const result = await retryExecutionAction({ id });
      if (!result.ok) return setError(result.message);
      const { id: newId, status } = result.attempt;
      toast.success(status === "succeeded" ? "Retried: the receiver accepted it." : `Retried: the new attempt ${status}.`);
      router.push(toHref(`/executions/${newId}`));
    });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant={variant} onClick={retry} pending={pending}>
        <RotateCw aria-hidden /> Retry
      </Button>
      <p data-testid="retry-error" aria-live="polite" className="max-w-xs text-right text-xs font-medium text-destructive empty:hidden">
        {error}
      </p>
    </div>
  );
}
