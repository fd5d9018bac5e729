"use client";
import { useIsMutating } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { TriggerTarget } from "@/lib/executions/list-trigger-targets";
import type { TriggerInput } from "@/lib/executions/schemas";
import { IntegrationPicker } from "./integration-picker";
import { SENDING, TriggerReview, type TargetRef } from "./trigger-review";

type Targets = { target: TargetRef } | { targets: TriggerTarget[] };

/**
 * Triggers an integration in a dialog: pick the integration (unless it is given), see exactly
 * what will be sent, send it, see the outcome. The dialog cannot be closed while sending.
 */
export function TriggerDialog({ trigger, title, input, ...targets }: { trigger: ReactNode; title: string; input: TriggerInput } & Targets) {
  const [open, setOpen] = useState(false);
  const sending = useIsMutating({ mutationKey: SENDING }) > 0;
  return (
    <Dialog open={open} onOpenChange={(next) => !sending && setOpen(next)}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-w-2xl">
        <TriggerSteps title={title} input={input} {...targets} />
      </DialogContent>
    </Dialog>
  );
}

/** Mounted on each opening, so each opening starts afresh (and gets its own idempotency key). */
function TriggerSteps({ title, input, ...targets }: { title: string; input: TriggerInput } & Targets) {
  const [picked, setPicked] = useState<TargetRef | null>(null);
  if ("target" in targets) return <TriggerReview title={title} target={targets.target} input={input} />;
  if (picked) return <TriggerReview key={picked.id} title={title} target={picked} input={input} onBack={() => setPicked(null)} />;
  return (
    <>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>Choose the integration to send to. Only integrations with an enabled webhook are listed.</DialogDescription>
      </DialogHeader>
      <IntegrationPicker targets={targets.targets} onSelect={setPicked} />
    </>
  );
}
