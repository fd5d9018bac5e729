import { describe, expect, it } from "vitest";
import { formatWait, timelineTimes } from "./timeline";

const t0 = Date.parse("2026-12-02T13:17:00.000Z");
const at = (seconds: number) => new Date(t0 + seconds * 1000);

describe("an execution's timeline", () => {
  it("shows when each automatic retry was sent, not when it was queued, and the wait before it", () => {
    // What the issue saw: retries recorded (queued) at +1 s, +11 s, +31 s, sent at +10 s, +20 s, +40 s.
    const attempts = [
      { status: "failed", startedAt: at(0), sentAt: at(0), finishedAt: at(0.5), dueAt: null },
      { status: "failed", startedAt: at(1), sentAt: at(10), finishedAt: at(10.5), dueAt: at(10) },
      { status: "failed", startedAt: at(11), sentAt: at(20), finishedAt: at(20.5), dueAt: at(20) },
      { status: "succeeded", startedAt: at(31), sentAt: at(40), finishedAt: at(40.2), dueAt: at(40) },
    ];
    const times = timelineTimes(attempts);
    expect(times.map((t) => t.at.getTime() - t0)).toEqual([0, 10_000, 20_000, 40_000]);
    expect(times.map((t) => t.atKind)).toEqual(["sent", "sent", "sent", "sent"]);
    expect(times.map((t) => t.sinceFirstMs)).toEqual([null, 10_000, 20_000, 40_000]);
    expect(times.map((t) => t.waitedMs)).toEqual([null, 9_500, 9_500, 19_500]);
  });

  it("shows a retry still to come as due, and one never sent as recorded", () => {
    const times = timelineTimes([
      { status: "failed", startedAt: at(0), sentAt: at(0), finishedAt: at(1), dueAt: null },
      { status: "scheduled", startedAt: at(1), sentAt: null, finishedAt: null, dueAt: at(61) },
      { status: "skipped", startedAt: at(2), sentAt: null, finishedAt: at(2), dueAt: null },
    ]);
    expect(times.slice(1)).toEqual([
      { at: at(61), atKind: "due", sinceFirstMs: null, waitedMs: null },
      { at: at(2), atKind: "recorded", sinceFirstMs: null, waitedMs: null },
    ]);
  });

  it("writes waits as people say them", () => {
    expect([9_500, 60_000, 300_000, 90_000, 1_800_000, 5_400_000].map(formatWait)).toEqual([
      "10 s",
      "1 min",
      "5 min",
      "1 min 30 s",
      "30 min",
      "1 h 30 min",
    ]);
  });
});
