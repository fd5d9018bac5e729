import { WorkspaceLink } from "@/components/shell/workspace-context";
import type { Ctx } from "@/lib/auth/context";
import { getDeliveryHistory, HISTORY_RANGES, type HistoryBucket, type HistoryRange } from "@/lib/executions/delivery-history";
import { DeliveryBars, type Bar } from "./delivery-bars";

const LABEL: Record<HistoryRange, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const bucketName = (b: HistoryBucket, range: HistoryRange) =>
  range === "24h" ? `${b.start.toISOString().slice(0, 13).replace("T", " ")}:00 UTC` : `${b.start.toISOString().slice(0, 10)} (UTC)`;

/** The x axis's labels, by bucket index: every 6 hours over 24 hours, every day over 7, every 5th day over 30 (UTC). */
function ticksOf(buckets: HistoryBucket[], range: HistoryRange): Record<number, string> {
  const every = range === "24h" ? 6 : range === "7d" ? 1 : 5;
  const ticks: Record<number, string> = {};
  buckets.forEach((b, i) => {
    if ((buckets.length - 1 - i) % every !== 0) return;
    ticks[i] = range === "24h" ? `${b.start.toISOString().slice(11, 13)}:00` : `${MONTHS[b.start.getUTCMonth()]} ${b.start.getUTCDate()}`;
  });
  return ticks;
}

/**
 * Deliveries and failures over time, as stacked bars with axes: one integration's, or (with
 * `integrationId` null) every integration's. Pointing at a bar shows its counts; clicking it opens
 * the executions list filtered to its hour or day. `href` builds the link of each range (a client
 * navigation: the page is not reloaded).
 */
export async function DeliveryChart({
  ctx,
  integrationId,
  range,
  href,
}: {
  ctx: Ctx;
  integrationId: string | null;
  range: HistoryRange;
  href: (range: HistoryRange) => string;
}) {
  const buckets = await getDeliveryHistory({ ctx, integrationId, range });
  const step = HISTORY_RANGES[range].bucketHours * 3_600_000;
  const totals = buckets.reduce((t, b) => ({ succeeded: t.succeeded + b.succeeded, failed: t.failed + b.failed }), {
    succeeded: 0,
    failed: 0,
  });
  const summary = `Deliveries per ${range === "24h" ? "hour" : "day"} over the last ${LABEL[range]}: ${totals.succeeded.toLocaleString("en-US")} delivered, ${totals.failed.toLocaleString("en-US")} failed.`;
  const bars: Bar[] = buckets.map((b) => {
    const params = new URLSearchParams({
      ...(integrationId && { integrationId }),
      from: b.start.toISOString(),
      to: new Date(b.start.getTime() + step).toISOString(),
    });
    return {
      start: b.start.toISOString(),
      label: bucketName(b, range),
      succeeded: b.succeeded,
      failed: b.failed,
      href: `/executions?${params}`,
    };
  });
  return (
    <figure className="grid gap-2 rounded-lg border bg-card p-4" aria-labelledby="delivery-chart-caption">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <figcaption id="delivery-chart-caption" className="text-sm">
          <span className="font-medium">Deliveries over time</span> <span className="text-muted-foreground">{summary}</span>
        </figcaption>
        <nav aria-label="Chart range" className="flex gap-1">
          {(Object.keys(HISTORY_RANGES) as HistoryRange[]).map((r) => (
            <WorkspaceLink
              key={r}
              href={href(r)}
              scroll={false}
              aria-current={r === range ? "true" : undefined}
              className="rounded-md px-2 py-1 text-xs font-medium text-muted-foreground hover:bg-muted aria-[current=true]:bg-muted aria-[current=true]:text-foreground"
            >
              {LABEL[r]}
            </WorkspaceLink>
          ))}
        </nav>
      </div>
      <DeliveryBars bars={bars} summary={summary} ticks={ticksOf(buckets, range)} />
      <div className="flex justify-end gap-3 text-xs text-muted-foreground" aria-hidden>
        <span className="flex items-center gap-1">
          <span className="size-2 rounded-sm bg-emerald-600" /> Delivered
        </span>
        <span className="flex items-center gap-1">
          <span className="size-2 rounded-sm bg-red-600" /> Failed
        </span>
        <span>Times in UTC</span>
      </div>
    </figure>
  );
}
