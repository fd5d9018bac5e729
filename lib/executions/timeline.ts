/**
 * The times an execution's timeline shows for each attempt of one message: when it was sent (not
 * when it was queued — an automatic retry is queued as soon as its predecessor fails, then waits),
 * how long after the first attempt was sent, and how long it waited after the attempt before it
 * ended. Pure: the page and the tests share it.
 */
export interface TimelineInput {
  status: string;
  startedAt: Date;
  sentAt: Date | null;
  finishedAt: Date | null;
  dueAt: Date | null;
}

export interface TimelineTimes {
  /** When the request left; for one not sent (yet), when it is due, or when it was recorded. */
  at: Date;
  atKind: "sent" | "due" | "recorded";
  /** Milliseconds from the first attempt's sending to this one's; null for the first or one not sent. */
  sinceFirstMs: number | null;
  /** Milliseconds between the previous attempt's end and this one's sending; null when unknown. */
  waitedMs: number | null;
}

const UNSENT = new Set(["queued", "scheduled"]);

export function timelineTimes(attempts: readonly TimelineInput[]): TimelineTimes[] {
  const firstSent = attempts[0]?.sentAt ?? null;
  return attempts.map((a, i) => {
    const previous = i > 0 ? attempts[i - 1]! : null;
    if (a.sentAt) {
      const previousEnd = previous ? (previous.finishedAt ?? previous.sentAt) : null;
      return {
        at: a.sentAt,
        atKind: "sent",
        sinceFirstMs: i > 0 && firstSent ? a.sentAt.getTime() - firstSent.getTime() : null,
        waitedMs: previousEnd ? Math.max(0, a.sentAt.getTime() - previousEnd.getTime()) : null,
      };
    }
    if (UNSENT.has(a.status) && a.dueAt) return { at: a.dueAt, atKind: "due", sinceFirstMs: null, waitedMs: null };
    return { at: a.startedAt, atKind: "recorded", sinceFirstMs: null, waitedMs: null };
  });
}

/** "10 s", "5 min", "1 h 30 min": a wait as people say it, to the second. */
export function formatWait(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  const m = Math.round(s / 60);
  return m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
