"use client";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { deleteIntegrationAction } from "@/components/integrations/actions";
import { useWorkspaceHref } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function DeleteIntegrationButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const toHref = useWorkspaceHref();
  const remove = async () => {
    const result = await deleteIntegrationAction({ id });
    if (!result.ok) {
      toast.error(result.message);
      return false;
    }
    toast.success(`“${name}” deleted.`);
    router.push(toHref("/integrations"));
    return true;
  };
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline">
          <Trash2 aria-hidden /> Delete
        </Button>
      }
      title={`Delete “${name}”?`}
      description={
        <p>
          Its webhook configuration, bearer token and signing secrets are deleted with it, and it can no longer be triggered. Its execution
          history stays readable.
        </p>
      }
      confirmLabel="Delete integration"
      destructive
      onConfirm={remove}
    />
  );
}
