"use client";
import { Send } from "lucide-react";
import { useState, useTransition } from "react";
import { sendExampleAction } from "@/components/event-types/actions";
import { TriggerResult } from "@/components/executions/trigger-result";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import type { AttemptView } from "@/lib/executions/views";

/** Sends the type's example to one integration now, signed, recorded as a test execution. */
export function SendExampleCard({ name, targets }: { name: string; targets: { id: string; name: string; connectorType: string }[] }) {
  const [integrationId, setIntegrationId] = useState(targets[0]?.id ?? "");
  const [pending, startTransition] = useTransition();
  const [attempt, setAttempt] = useState<AttemptView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (targets.length === 0) return <p className="text-sm text-muted-foreground">No integration has a webhook yet.</p>;
  const send = () =>
    startTransition(async () => {
      setProblem(null);
      const result = await sendExampleAction({ name, integrationId });
      if (result.ok) setAttempt(result.attempt);
      else setProblem(result.message);
    });
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 sm:max-w-sm">
          <Field id="example-target" label="Integration">
            <NativeSelect id="example-target" value={integrationId} onChange={(e) => setIntegrationId(e.target.value)}>
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.connectorType})
                </option>
              ))}
            </NativeSelect>
          </Field>
        </div>
        <Button variant="outline" onClick={send} pending={pending}>
          <Send aria-hidden /> Send example
        </Button>
      </div>
      {problem && (
        <p role="alert" className="text-sm font-medium text-destructive">
          {problem}
        </p>
      )}
      {attempt && (
        <>
          <TriggerResult attempt={attempt} replayed={false} />
          <WorkspaceLink href={`/executions/${attempt.id}`} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Open the test execution
          </WorkspaceLink>
        </>
      )}
    </div>
  );
}
