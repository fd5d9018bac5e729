"use client";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { deleteWebhookConfigAction } from "@/components/integrations/actions";
import { useWorkspaceHref } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function DeleteWebhookButton({ integrationId }: { integrationId: string }) {
  const router = useRouter();
  const toHref = useWorkspaceHref();
  const remove = async () => {
    const result = await deleteWebhookConfigAction({ integrationId });
    if (!result.ok) {
      toast.error(result.message);
      return false;
    }
    toast.success("Webhook configuration removed.");
    router.push(toHref(`/integrations/${integrationId}`));
    return true;
  };
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline">
          <Trash2 aria-hidden /> Remove configuration
        </Button>
      }
      title="Remove the webhook configuration?"
      description={
        <p>
          The URL, bearer token and signing secrets are deleted. The integration stays, but cannot be triggered until its webhook is
          configured again, with a new signing secret.
        </p>
      }
      confirmLabel="Remove configuration"
      destructive
      onConfirm={remove}
    />
  );
}
