"use client";
import { useState } from "react";
import { WorkspaceLink } from "@/components/shell/workspace-context";

export interface Bar {
  /** ISO start of the bucket: its key. */
  start: string;
  /** "2026-12-02 13:00 UTC", "2026-12-02 (UTC)". */
  label: string;
  succeeded: number;
  failed: number;
  /** The executions list filtered to this bucket. */
  href: string;
}

/** "12", "1.2k": an axis label that fits. */
const short = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

/**
 * The bars of a delivery chart: a y axis (0, half and the highest bar's count), an x axis (time
 * labels under `ticks`), the values of the bar under the pointer or keyboard focus shown above the
 * chart, and each bar a link to the executions list filtered to its hour or day.
 */
export function DeliveryBars({ bars, summary, ticks }: { bars: Bar[]; summary: string; ticks: Record<number, string> }) {
  const [active, setActive] = useState<number | null>(null);
  const max = Math.max(1, ...bars.map((b) => b.succeeded + b.failed));
  const shown = active === null ? null : bars[active];
  return (
    <div className="grid gap-1">
      <p className="h-4 text-xs text-muted-foreground" aria-live="polite" data-testid="chart-hover">
        {shown
          ? `${shown.label}: ${shown.succeeded} delivered, ${shown.failed} failed — click to list them`
          : "Point at a bar for its counts; click it to list its executions."}
      </p>
      <div className="grid grid-cols-[2.5rem_minmax(0,1fr)] gap-x-1">
        <div className="relative h-28 text-right text-[10px] text-muted-foreground" aria-hidden>
          <span className="absolute right-0 top-0 -translate-y-1/2">{short(max)}</span>
          <span className="absolute right-0 top-1/2 -translate-y-1/2">{short(Math.round(max / 2))}</span>
          <span className="absolute bottom-0 right-0 translate-y-1/2">0</span>
        </div>
        <div
          role="group"
          aria-label={summary}
          data-testid="delivery-chart"
          className="relative flex h-28 items-end border-b border-l bg-[linear-gradient(to_bottom,transparent_calc(50%-0.5px),var(--color-border)_calc(50%-0.5px),var(--color-border)_calc(50%+0.5px),transparent_calc(50%+0.5px))]"
        >
          {bars.map((b, i) => (
            <WorkspaceLink
              key={b.start}
              href={b.href}
              aria-label={`${b.label}: ${b.succeeded} delivered, ${b.failed} failed. List these executions`}
              onMouseEnter={() => setActive(i)}
              onMouseLeave={() => setActive((a) => (a === i ? null : a))}
              onFocus={() => setActive(i)}
              onBlur={() => setActive((a) => (a === i ? null : a))}
              data-testid="chart-bar"
              data-succeeded={b.succeeded}
              data-failed={b.failed}
              className="flex h-full min-w-0 flex-1 flex-col items-center justify-end hover:bg-muted focus-visible:bg-muted focus-visible:outline-none"
            >
              {b.failed > 0 && <span className="block w-[70%] bg-red-600" style={{ height: `${(b.failed / max) * 100}%` }} />}
              {b.succeeded > 0 && <span className="block w-[70%] bg-emerald-600" style={{ height: `${(b.succeeded / max) * 100}%` }} />}
            </WorkspaceLink>
          ))}
        </div>
        <span />
        <div className="flex h-4 overflow-hidden text-[10px] text-muted-foreground" aria-hidden>
          {bars.map((b, i) => (
            <span key={b.start} className="relative min-w-0 flex-1">
              {ticks[i] && (
                <span
                  className={`absolute top-0.5 whitespace-nowrap ${i === bars.length - 1 ? "right-0" : i === 0 ? "left-0" : "left-1/2 -translate-x-1/2"}`}
                >
                  {ticks[i]}
                </span>
              )}
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}
