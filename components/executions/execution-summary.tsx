import type { ReactNode } from "react";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Card, CardContent } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDuration } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import type { AttemptMode } from "@/lib/executions/schemas";
import type { AttemptSummary, AttemptView } from "@/lib/executions/views";
import { attemptLabel, MODE_LABEL, triggeredByLabel } from "./labels";
import { StatusBadge } from "./status-badge";
import { DescriptionList } from "@/components/ui/description-list";

const link = "text-primary underline-offset-4 hover:underline";

/** The facts of one attempt a reviewer reads first: outcome, why it failed, who, when, which message. */
export function ExecutionSummary({ attempt }: { attempt: AttemptView & { retriesAllowed?: number | null; timeline?: AttemptSummary[] } }) {
  const ofAllowed = attempt.retriesAllowed ? ` of ${attempt.retriesAllowed}` : "";
  // The automatic retry that followed this attempt, once recorded: past retries do not read as to come.
  const next = attempt.timeline?.find(
    (a) => a.kind === "automatic" && a.retryNumber === attempt.retryNumber + 1 && a.retryOfId === attempt.id,
  );
  const rows: [string, ReactNode][] = [
    [
      "Status",
      <span key="s" className="flex items-center gap-2">
        <StatusBadge status={attempt.status} />
        {attempt.response?.status != null && <span className="font-mono text-xs">HTTP {attempt.response.status}</span>}
      </span>,
    ],
    ...(attempt.errorClass
      ? [
          [
            "Error",
            <span key="e">
              <span className="font-mono text-xs">{attempt.errorClass}</span> — {attempt.errorMessage}
            </span>,
          ] as [string, ReactNode],
        ]
      : []),
    [
      "Integration",
      attempt.integrationId ? (
        <WorkspaceLink key="i" href={`/integrations/${attempt.integrationId}`} className={link}>
          {attempt.integrationName}
        </WorkspaceLink>
      ) : (
        `${attempt.integrationName} (deleted)`
      ),
    ],
    ["Kind", `${attemptLabel(attempt)} · ${MODE_LABEL[attempt.mode as AttemptMode] ?? attempt.mode} mode`],
    ...(attempt.status === "scheduled" && attempt.dueAt
      ? [["Due", <LocalTime key="due" value={attempt.dueAt} />] as [string, ReactNode]]
      : []),
    ...(attempt.nextRetryAt
      ? [
          [
            next && !["scheduled", "queued"].includes(next.status) ? "Retried" : "Next retry",
            next && !["scheduled", "queued"].includes(next.status) ? (
              <span key="nr" className="flex flex-wrap items-center gap-2">
                <WorkspaceLink href={`/executions/${next.id}`} className={link}>
                  Automatic retry #{next.retryNumber}
                  {ofAllowed}
                </WorkspaceLink>
                <StatusBadge status={next.status} />
                {next.sentAt && (
                  <span>
                    sent <LocalTime value={next.sentAt} />
                  </span>
                )}
              </span>
            ) : (
              <span key="nr">
                Automatic retry #{attempt.retryNumber + 1}
                {ofAllowed} due <LocalTime value={next?.dueAt ?? attempt.nextRetryAt} />
              </span>
            ),
          ] as [string, ReactNode],
        ]
      : []),
    ["Triggered by", triggeredByLabel(attempt)],
    [attempt.kind === "automatic" ? "Queued" : "Started", <LocalTime key="t" value={attempt.startedAt} />],
    ...(attempt.kind === "automatic"
      ? [["Sent", attempt.sentAt ? <LocalTime key="sent" value={attempt.sentAt} /> : "Not sent"] as [string, ReactNode]]
      : []),
    ["Duration", `${formatDuration(attempt.durationMs)} (timeout ${attempt.timeoutSeconds} s)`],
    [
      "Webhook id",
      <span key="w" className="flex items-center gap-2 font-mono text-xs">
        {attempt.messageId}
        <CopyButton value={attempt.messageId} label="Copy webhook id" size="icon" />
      </span>,
    ],
    ...(attempt.eventId
      ? [
          [
            "Event",
            <WorkspaceLink key="ev" href={`/events/${attempt.eventId}`} className={`${link} font-mono text-xs`}>
              {attempt.eventId}
            </WorkspaceLink>,
          ] as [string, ReactNode],
        ]
      : []),
    ...(attempt.retryOfId
      ? [
          [
            "Retry of",
            <WorkspaceLink key="r" href={`/executions/${attempt.retryOfId}`} className={`${link} font-mono text-xs`}>
              {attempt.retryOfId}
            </WorkspaceLink>,
          ] as [string, ReactNode],
        ]
      : []),
  ];
  return (
    <Card>
      <CardContent className="pt-5">
        <DescriptionList items={rows} />
      </CardContent>
    </Card>
  );
}
