import type { Metadata } from "next";
import { DeliveryChart } from "@/components/executions/delivery-chart";
import { LiveRefresh } from "@/components/executions/live-refresh";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { getDeliveryState } from "@/lib/executions/delivery-state";
import { isHistoryRange } from "@/lib/executions/delivery-history";
import { getOverview } from "@/lib/executions/get-overview";

export const metadata: Metadata = { title: "Overview" };

const link = "font-medium text-primary underline-offset-4 hover:underline";

/** Admins' first look across every integration: deliveries over time, what is failing, what is disabled, what waits. */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ range?: string }> }) {
  const ctx = await requirePageCtx("integrations.manage");
  const { range } = await searchParams;
  const live = await getDeliveryState({ ctx, query: {} });
  const overview = await getOverview({ ctx });
  const waiting = overview.queue.queued + overview.queue.scheduled;
  return (
    <>
      <PageHeader
        title="Overview"
        description="Every integration at once: deliveries over time, the failing ones first, disabled subscriptions, the queue."
      />
      <LiveRefresh scope={{}} fingerprint={live.fingerprint} />
      <div className="grid grid-cols-1 gap-6">
        <DeliveryChart ctx={ctx} integrationId={null} range={isHistoryRange(range) ? range : "24h"} href={(r) => `/overview?range=${r}`} />
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card aria-labelledby="failing">
            <CardHeader>
              <CardTitle id="failing">Failing integrations</CardTitle>
              <CardDescription>
                Failed or interrupted deliveries in the last 24 hours, most first (alerts included, test sends not).
              </CardDescription>
            </CardHeader>
            <CardContent>
              {overview.failing.length === 0 ? (
                <p className="text-sm text-muted-foreground">No delivery failed in the last 24 hours.</p>
              ) : (
                <Table>
                  <caption className="sr-only">Failing integrations, most failures first</caption>
                  <THead>
                    <TR>
                      <TH scope="col">Integration</TH>
                      <TH scope="col">Failed</TH>
                      <TH scope="col" className={WIDE_ONLY}>
                        Delivered
                      </TH>
                      <TH scope="col">Last failure</TH>
                    </TR>
                  </THead>
                  <TBody>
                    {overview.failing.map((f) => (
                      <TR key={f.integrationId} data-testid="failing-integration">
                        <TD className="max-w-48 break-words">
                          <WorkspaceLink href={`/integrations/${f.integrationId}`} className={link}>
                            {f.integrationName}
                          </WorkspaceLink>
                        </TD>
                        <TD>
                          <WorkspaceLink href={`/executions?integrationId=${f.integrationId}&status=failed`} className={link}>
                            {f.failed.toLocaleString("en-US")}
                          </WorkspaceLink>
                        </TD>
                        <TD className={WIDE_ONLY}>{f.succeeded.toLocaleString("en-US")}</TD>
                        <TD className="text-xs">
                          <LocalTime value={f.lastFailureAt} relative />
                        </TD>
                      </TR>
                    ))}
                  </TBody>
                </Table>
              )}
            </CardContent>
          </Card>
          <div className="grid grid-cols-1 content-start gap-6">
            <Card aria-labelledby="queue">
              <CardHeader>
                <CardTitle id="queue">Queue</CardTitle>
                <CardDescription>Automatic deliveries waiting for a worker.</CardDescription>
              </CardHeader>
              <CardContent>
                <dl className="grid grid-cols-3 gap-3 text-sm" data-testid="queue-depth">
                  <div>
                    <dt className="text-xs text-muted-foreground">Queued</dt>
                    <dd className="text-2xl font-semibold">{overview.queue.queued.toLocaleString("en-US")}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-muted-foreground">Retries scheduled</dt>
                    <dd className="text-2xl font-semibold">{overview.queue.scheduled.toLocaleString("en-US")}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-muted-foreground">Oldest due waits</dt>
                    <dd className="text-2xl font-semibold">
                      {waiting === 0 || overview.queue.oldestDueSeconds === null ? "–" : `${Math.round(overview.queue.oldestDueSeconds)} s`}
                    </dd>
                  </div>
                </dl>
              </CardContent>
            </Card>
            <Card aria-labelledby="disabled">
              <CardHeader>
                <CardTitle id="disabled">Disabled subscriptions</CardTitle>
                <CardDescription>Matching events are not delivered while a subscription is disabled.</CardDescription>
              </CardHeader>
              <CardContent>
                {overview.disabledSubscriptions.length === 0 ? (
                  <p className="text-sm text-muted-foreground">Every subscription is enabled.</p>
                ) : (
                  <ul className="grid gap-2 text-sm" aria-label="Disabled subscriptions">
                    {overview.disabledSubscriptions.map((s) => (
                      <li key={s.subscriptionId} className="grid gap-0.5" data-testid="disabled-subscription">
                        <span className="flex flex-wrap items-center gap-2">
                          <WorkspaceLink href={`/integrations/${s.integrationId}#subscriptions`} className={`${link} break-words`}>
                            {s.integrationName}
                          </WorkspaceLink>
                          <span className="break-all font-mono text-xs">{s.eventTypes.join(", ")}</span>
                          <Badge tone={s.disabledReason ? "danger" : "neutral"}>{s.disabledReason ? "By the portal" : "By a person"}</Badge>
                        </span>
                        {s.disabledReason && <span className="break-words text-xs text-muted-foreground">{s.disabledReason}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </CardContent>
            </Card>
          </div>
        </div>
      </div>
    </>
  );
}
