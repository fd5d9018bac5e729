import Link from "next/link";
import { formatDuration } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import type { AttemptSummary } from "@/lib/executions/views";
import { attemptName } from "./labels";
import { StatusBadge } from "./status-badge";

/** Every attempt of one message, first to last, the one on screen marked. */
export function AttemptTimeline({ attempts, currentId }: { attempts: AttemptSummary[]; currentId: string }) {
  return (
    <ol aria-label="Attempts of this message" className="grid gap-0">
      {attempts.map((a, i) => {
        const current = a.id === currentId;
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
                  <LocalTime value={a.startedAt} /> · this attempt
                </span>
              ) : (
                <Link href={`/executions/${a.id}`} className="text-primary underline-offset-4 hover:underline">
                  <LocalTime value={a.startedAt} />
                </Link>
              )}
              {a.status === "scheduled" && a.dueAt ? (
                <>
                  {" "}
                  · due <LocalTime value={a.dueAt} />
                </>
              ) : (
                <>
                  {" · "}
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
