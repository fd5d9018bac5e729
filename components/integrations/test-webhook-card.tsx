"use client";
import { FlaskConical } from "lucide-react";
import { useState, useTransition } from "react";
import { sendTestWebhookAction } from "@/components/integrations/actions";
import { TriggerResult } from "@/components/executions/trigger-result";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AttemptView } from "@/lib/executions/views";

/** Sends a signed `webhook.test` message now and shows what came back. */
export function TestWebhookCard({ integrationId }: { integrationId: string }) {
  const [pending, startTransition] = useTransition();
  const [attempt, setAttempt] = useState<AttemptView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const send = () =>
    startTransition(async () => {
      setProblem(null);
      const result = await sendTestWebhookAction({ integrationId });
      if (result.ok) setAttempt(result.attempt);
      else setProblem(result.message);
    });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Test the receiver</CardTitle>
        <CardDescription>
          Sends a test message (a signed <code className="font-mono">webhook.test</code> for a standard webhook, “Test from …” in chat) to
          the saved URL, also while the webhook is disabled. It is recorded as a test execution.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <div>
          <Button variant="outline" onClick={send} pending={pending}>
            <FlaskConical aria-hidden /> Send test webhook
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
            <WorkspaceLink
              href={`/executions/${attempt.id}`}
              className="text-sm font-medium text-primary underline-offset-4 hover:underline"
            >
              Open the test execution
            </WorkspaceLink>
          </>
        )}
      </CardContent>
    </Card>
  );
}
