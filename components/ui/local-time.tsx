"use client";
import { useSyncExternalStore } from "react";
import { formatDateTime } from "./format";

/** A clock shared by every time on the page, ticking twice a minute so "3 min ago" stays true. */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
function subscribe(listener: () => void) {
  listeners.add(listener);
  if (timer === undefined) now = Date.now(); // the clock stood still while nothing showed a time
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
/** On the server (and while hydrating) there is no viewer's time zone: 0 means "show UTC". */
const serverNow = () => 0;
const clientNow = () => now;

const localFormat = () =>
  new Intl.DateTimeFormat(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
  });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "just now", "3 min ago", "2 hr. ago", "yesterday"; null past a week (the date reads better then). */
export function relativeTime(date: Date, from: number): string | null {
  const diff = date.getTime() - from;
  const abs = Math.abs(diff);
  if (abs < 45_000) return "just now";
  if (abs > 7 * 86_400_000) return null;
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });
  for (const [unit, ms] of UNITS) if (abs >= ms || unit === "minute") return format.format(Math.round(diff / ms), unit);
  return null;
}

/**
 * A moment in the viewer's time zone, with the exact UTC time as its title. `relative` shows
 * "3 min ago" instead (lists), the local time then joining the UTC one in the title. The server
 * renders UTC; the browser swaps in local time once it runs.
 */
export function LocalTime({ value, relative = false, className }: { value: Date | string; relative?: boolean; className?: string }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const clock = useSyncExternalStore(subscribe, clientNow, serverNow);
  const utc = formatDateTime(date);
  if (clock === 0) {
    return (
      <time dateTime={date.toISOString()} title={utc} className={className}>
        {utc}
      </time>
    );
  }
  const local = localFormat().format(date);
  const ago = relative ? relativeTime(date, clock) : null;
  return (
    <time dateTime={date.toISOString()} title={ago ? `${local} · ${utc}` : utc} className={className} data-local="">
      {ago ?? local}
    </time>
  );
}
