"use client";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { deleteSubscriptionAction, updateSubscriptionAction } from "./actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Switch } from "@/components/ui/switch";

/** Turns a subscription on or off in one click (audited like every change). */
export function SubscriptionSwitch({ id, enabled, label }: { id: string; enabled: boolean; label: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const toggle = async (next: boolean) => {
    setPending(true);
    const result = await updateSubscriptionAction({ id, changes: { enabled: next } });
    setPending(false);
    if (!result.ok) return void toast.error(result.message);
    toast.success(next ? "Subscription enabled." : "Subscription disabled: matching events are no longer delivered.");
    router.refresh();
  };
  return <Switch checked={enabled} disabled={pending} onCheckedChange={toggle} aria-label={label} />;
}

export function DeleteSubscriptionButton({ id, label }: { id: string; label: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Delete subscription ${label}`}>
          <Trash2 aria-hidden />
        </Button>
      }
      title="Delete this subscription?"
      description={`Events matching ${label} will no longer be delivered automatically. Deliveries already queued and not yet sent are skipped; the history stays.`}
      confirmLabel="Delete subscription"
      destructive
      onConfirm={async () => {
        const result = await deleteSubscriptionAction({ id });
        if (!result.ok) {
          toast.error(result.message);
          return false;
        }
        toast.success("Subscription deleted.");
        router.refresh();
        return true;
      }}
    />
  );
}
