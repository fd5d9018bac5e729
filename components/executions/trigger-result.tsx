"use client";
import { CircleCheck, CircleX, LoaderCircle } from "lucide-react";
import { useEffect, useRef, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { formatDuration } from "@/components/ui/format";
import type { AttemptView } from "@/lib/executions/views";

const BODY_START = 500;

const LOOK = {
  succeeded: { title: "Delivered", icon: CircleCheck, className: "border-emerald-200 bg-emerald-50 text-emerald-900" },
  pending: { title: "Still in progress", icon: LoaderCircle, className: "border-sky-200 bg-sky-50 text-sky-900" },
  failed: { title: "Delivery failed", icon: CircleX, className: "border-red-200 bg-red-50 text-red-900" },
} as const;

/** The outcome of a trigger or a retry, announced by moving focus to it when it arrives. */
export function TriggerResult({ attempt, replayed }: { attempt: AttemptView; replayed: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [attempt.id]);
  const look = LOOK[attempt.status === "succeeded" || attempt.status === "pending" ? attempt.status : "failed"];
  const body = attempt.response?.body ?? "";
  const rows: [string, ReactNode][] = [
    ["HTTP status", attempt.response?.status ?? "No response"],
    ["Duration", formatDuration(attempt.durationMs)],
  ];
  if (attempt.errorClass)
    rows.push([
      "Error",
      <code key="class" className="font-mono text-xs">
        {attempt.errorClass}
      </code>,
    ]);
  if (attempt.errorMessage) rows.push(["Message", attempt.errorMessage]);
  return (
    <div className={cn("grid gap-3 rounded-md border p-4", look.className)} data-testid="trigger-result" data-status={attempt.status}>
      <h3 ref={heading} tabIndex={-1} className="flex items-center gap-2 font-semibold focus:outline-none">
        <look.icon className="size-5" aria-hidden /> {look.title}
        {attempt.kind === "manual_retry" && " on retry"}
      </h3>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="opacity-80">{term}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      {attempt.status !== "succeeded" && body !== "" && (
        <div className="grid gap-1">
          <p className="text-sm opacity-80" id={`response-start-${attempt.id}`}>
            Start of the response body
          </p>
          <pre
            tabIndex={0}
            aria-labelledby={`response-start-${attempt.id}`}
            className="max-h-40 overflow-auto whitespace-pre-wrap break-all rounded-md border bg-background p-2 font-mono text-xs text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            {body.length > BODY_START || attempt.response?.truncated ? `${body.slice(0, BODY_START)}…` : body}
          </pre>
        </div>
      )}
      {replayed && <p className="text-sm">This dialog had already sent the request: this is its result, nothing was sent again.</p>}
    </div>
  );
}
