"use client";
import { CircleSlash } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { cancelRetriesAction } from "@/components/executions/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Cancels the message's scheduled automatic retries, after a confirmation. */
export function CancelRetriesButton({ id }: { id: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline">
          <CircleSlash aria-hidden /> Cancel retries
        </Button>
      }
      title="Cancel the scheduled retries?"
      description="The automatic retries still scheduled for this message will not be sent. You can still retry it by hand."
      confirmLabel="Cancel retries"
      onConfirm={async () => {
        const result = await cancelRetriesAction({ id });
        if (!result.ok) {
          toast.error(result.message);
          return false;
        }
        toast.success(
          result.cancelled > 0
            ? `Cancelled ${result.cancelled} scheduled ${result.cancelled === 1 ? "retry" : "retries"}.`
            : "No retry was scheduled any more.",
        );
        router.refresh();
        return true;
      }}
    />
  );
}
