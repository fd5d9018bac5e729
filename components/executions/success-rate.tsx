import type { Ctx } from "@/lib/auth/context";
import { getSuccessRates, type SuccessRate } from "@/lib/executions/success-rate";

function Rate({ label, value }: { label: string; value: SuccessRate }) {
  const percent = value.rate === null ? null : Math.round(value.rate * 1000) / 10;
  const tone =
    percent === null ? "text-muted-foreground" : percent >= 99 ? "text-emerald-700" : percent >= 90 ? "text-amber-700" : "text-red-700";
  return (
    <div className="grid gap-0.5 rounded-lg border bg-card px-4 py-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={`text-2xl font-semibold ${tone}`}>{percent === null ? "–" : `${percent}%`}</dd>
      <dd className="text-xs text-muted-foreground">
        {value.finished === 0
          ? "No deliveries yet"
          : `${value.succeeded.toLocaleString("en-US")} of ${value.finished.toLocaleString("en-US")} delivered${value.finished > value.succeeded ? ` · ${(value.finished - value.succeeded).toLocaleString("en-US")} failed` : ""}`}
      </dd>
    </div>
  );
}

/** Share of an integration's finished deliveries (test sends aside) that succeeded, over 24 hours and 7 days. */
export async function IntegrationSuccessRate({ ctx, integrationId }: { ctx: Ctx; integrationId: string }) {
  const rates = await getSuccessRates({ ctx, integrationId });
  return (
    <div className="grid gap-2">
      <dl aria-label="Success rate" aria-describedby="success-rate-counts" className="grid grid-cols-2 gap-3 sm:max-w-md">
        <Rate label="Success, last 24 hours" value={rates.last24Hours} />
        <Rate label="Success, last 7 days" value={rates.last7Days} />
      </dl>
      <p id="success-rate-counts" className="text-xs text-muted-foreground">
        Success rates and “Last delivery” count triggers, automatic deliveries, retries and failure alerts sent through this integration.
        Test sends appear in the list below as kind “Test” but are not counted.
      </p>
    </div>
  );
}
