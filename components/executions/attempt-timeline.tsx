import { WorkspaceLink } from "@/components/shell/workspace-context";
import { formatDuration } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { formatWait, timelineTimes, type TimelineTimes } from "@/lib/executions/timeline";
import type { AttemptSummary } from "@/lib/executions/views";
import { attemptName } from "./labels";
import { StatusBadge } from "./status-badge";

/** When an attempt left (or is due), as the receiver saw it: "Sent …", "Due …". */
function When({ times }: { times: TimelineTimes }) {
  const prefix = times.atKind === "sent" ? "Sent " : times.atKind === "due" ? "Due " : "Recorded ";
  return (
    <>
      {prefix}
      <LocalTime value={times.at} />
    </>
  );
}

/**
 * Every attempt of one message, first to last, the one on screen marked: when each was sent (not
 * queued), how long after the first, and how long it waited after the one before it ended.
 */
export function AttemptTimeline({ attempts, currentId }: { attempts: AttemptSummary[]; currentId: string }) {
  const times = timelineTimes(attempts);
  return (
    <ol aria-label="Attempts of this message" className="grid gap-0">
      {attempts.map((a, i) => {
        const current = a.id === currentId;
        const t = times[i]!;
        return (
          <li
            key={a.id}
            data-testid="timeline-item"
            className="relative grid gap-1 border-l-2 pb-4 pl-5 last:pb-0 data-[current=true]:border-primary"
            data-current={current}
          >
            <span
              aria-hidden
              className="absolute -left-[7px] top-1 size-3 rounded-full border-2 border-background bg-muted-foreground data-[current=true]:bg-primary"
              data-current={current}
            />
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">{attemptName(a.kind, i, a.retryNumber)}</span>
              <StatusBadge status={a.status} />
              {a.httpStatus !== null && <span className="font-mono text-xs">HTTP {a.httpStatus}</span>}
            </div>
            <div className="text-xs text-muted-foreground">
              {current ? (
                <span aria-current="page">
                  <When times={t} /> · this attempt
                </span>
              ) : (
                <WorkspaceLink href={`/executions/${a.id}`} className="text-primary underline underline-offset-4">
                  <When times={t} />
                </WorkspaceLink>
              )}
              {t.sinceFirstMs !== null && <span data-testid="since-first"> (+{formatWait(t.sinceFirstMs)})</span>}
              {t.waitedMs !== null && <span data-testid="waited"> · waited {formatWait(t.waitedMs)} after the one before</span>}
              {t.atKind === "sent" && (
                <>
                  {" · took "}
                  {formatDuration(a.durationMs)}
                </>
              )}
              {a.triggeredBy?.email ? ` · ${a.triggeredBy.email}` : ""}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
