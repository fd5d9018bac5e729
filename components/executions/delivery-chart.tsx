import Link from "next/link";
import type { Ctx } from "@/lib/auth/context";
import { getDeliveryHistory, HISTORY_RANGES, type HistoryBucket, type HistoryRange } from "@/lib/executions/delivery-history";

const LABEL: Record<HistoryRange, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" };
const WIDTH = 720;
const HEIGHT = 120;

const bucketName = (b: HistoryBucket, range: HistoryRange) =>
  range === "24h" ? `${b.start.toISOString().slice(0, 13).replace("T", " ")}:00 UTC` : `${b.start.toISOString().slice(0, 10)} (UTC)`;

/**
 * Deliveries and failures of one integration over time, as stacked bars (plain SVG): delivered
 * below, failed on top, each bar titled with its counts. `href` builds the link of each range.
 */
export async function DeliveryChart({
  ctx,
  integrationId,
  range,
  href,
}: {
  ctx: Ctx;
  integrationId: string;
  range: HistoryRange;
  href: (range: HistoryRange) => string;
}) {
  const buckets = await getDeliveryHistory({ ctx, integrationId, range });
  const max = Math.max(1, ...buckets.map((b) => b.succeeded + b.failed));
  const slot = WIDTH / buckets.length;
  const bar = Math.max(2, slot * 0.7);
  const totals = buckets.reduce((t, b) => ({ succeeded: t.succeeded + b.succeeded, failed: t.failed + b.failed }), {
    succeeded: 0,
    failed: 0,
  });
  const summary = `Deliveries per ${range === "24h" ? "hour" : "day"} over the last ${LABEL[range]}: ${totals.succeeded.toLocaleString("en-US")} delivered, ${totals.failed.toLocaleString("en-US")} failed.`;
  return (
    <figure className="grid gap-2 rounded-lg border bg-card p-4" aria-labelledby="delivery-chart-caption">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <figcaption id="delivery-chart-caption" className="text-sm">
          <span className="font-medium">Deliveries over time</span> <span className="text-muted-foreground">{summary}</span>
        </figcaption>
        <nav aria-label="Chart range" className="flex gap-1">
          {(Object.keys(HISTORY_RANGES) as HistoryRange[]).map((r) => (
            <Link
              key={r}
              href={href(r)}
              scroll={false}
              aria-current={r === range ? "true" : undefined}
              className="rounded-md px-2 py-1 text-xs font-medium text-muted-foreground hover:bg-muted aria-[current=true]:bg-muted aria-[current=true]:text-foreground"
            >
              {LABEL[r]}
            </Link>
          ))}
        </nav>
      </div>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-28 w-full"
        role="img"
        aria-label={summary}
        data-testid="delivery-chart"
      >
        <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="stroke-border" />
        {buckets.map((b, i) => {
          const x = i * slot + (slot - bar) / 2;
          const ok = (b.succeeded / max) * (HEIGHT - 4);
          const bad = (b.failed / max) * (HEIGHT - 4);
          return (
            <g key={b.start.getTime()} data-succeeded={b.succeeded} data-failed={b.failed}>
              <title>{`${bucketName(b, range)}: ${b.succeeded} delivered, ${b.failed} failed`}</title>
              <rect x={i * slot} y={0} width={slot} height={HEIGHT} fill="transparent" />
              {ok > 0 && <rect x={x} y={HEIGHT - ok} width={bar} height={ok} className="fill-emerald-600" />}
              {bad > 0 && <rect x={x} y={HEIGHT - ok - bad} width={bar} height={bad} className="fill-red-600" />}
            </g>
          );
        })}
      </svg>
      <div className="flex justify-between text-xs text-muted-foreground" aria-hidden>
        <span>{bucketName(buckets[0], range)}</span>
        <span className="flex gap-3">
          <span className="flex items-center gap-1">
            <span className="size-2 rounded-sm bg-emerald-600" /> Delivered
          </span>
          <span className="flex items-center gap-1">
            <span className="size-2 rounded-sm bg-red-600" /> Failed
          </span>
        </span>
        <span>now</span>
      </div>
    </figure>
  );
}
