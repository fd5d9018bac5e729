import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { PlanUsage } from "@/lib/workspaces/get-plan-usage";

const limitText = (limit: number | null, unit = "") => (limit === null ? "No limit" : `${limit}${unit}`);

function Status({ over, included = true }: { over: boolean; included?: boolean }) {
  if (over) return <Badge tone="warning">Over the plan</Badge>;
  if (!included) return <Badge>Not in the plan</Badge>;
  return <Badge tone="success">Within</Badge>;
}

/** The workspace's plan, each limit beside its usage, and what is over the plan. */
export function PlanUsageView({ usage }: { usage: PlanUsage }) {
  const { plan } = usage;
  const rows: { label: string; used: string; limit: string; over: boolean; included?: boolean; testId: string }[] = [
    {
      label: "Integrations in all",
      used: String(usage.integrations.used),
      limit: limitText(usage.integrations.limit),
      over: usage.integrations.over,
      testId: "usage-integrations",
    },
    ...usage.connectorTypes.map((t) => ({
      label: `${t.label} integrations`,
      used: String(t.used),
      limit: t.included ? limitText(t.limit) : "Not in the plan",
      over: t.over,
      included: t.included,
      testId: `usage-type-${t.type}`,
    })),
    {
      label: "Automatic deliveries (enabled subscriptions)",
      used: String(usage.automaticDeliveries.enabledSubscriptions),
      limit: usage.automaticDeliveries.included ? "Included" : "Not in the plan",
      over: usage.automaticDeliveries.over,
      included: usage.automaticDeliveries.included,
      testId: "usage-automatic-deliveries",
    },
    {
      label: "Retry schedules (subscriptions with one)",
      used: String(usage.retrySchedules.subscriptionsWithRetries),
      limit: usage.retrySchedules.included ? "Included" : "Not in the plan",
      over: usage.retrySchedules.over,
      included: usage.retrySchedules.included,
      testId: "usage-retry-schedules",
    },
    {
      label: "Events ingested a minute",
      used: String(usage.ingestPerMinute.usedLastMinute),
      limit: limitText(usage.ingestPerMinute.limit),
      over: false,
      testId: "usage-ingest",
    },
    {
      label: "Manual triggers a minute",
      used: String(usage.triggersPerMinute.usedLastMinute),
      limit: limitText(usage.triggersPerMinute.limit),
      over: false,
      testId: "usage-triggers",
    },
    {
      label: "Execution history kept",
      used: "—",
      limit: usage.historyDays.limit === null ? "As long as the portal keeps it" : `${usage.historyDays.limit} days`,
      over: false,
      testId: "usage-history",
    },
  ];
  return (
    <div className="grid gap-6">
      {usage.over.length > 0 && (
        <div role="alert" className="rounded-md border border-amber-500/40 bg-amber-500/10 p-4 text-sm" data-testid="plan-over">
          <p className="font-medium">This workspace has more than the {plan.name} plan allows.</p>
          <p className="text-muted-foreground">Nothing was disabled; creating more of these is refused until it is within the plan.</p>
          <ul className="mt-2 list-disc pl-5">
            {usage.over.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <Card>
        <CardHeader>
          <CardTitle>
            The <span data-testid="plan-name">{plan.name}</span> plan
          </CardTitle>
          <CardDescription>
            {plan.onePerConnectorType
              ? "One integration per connector type: creating a second one of a type updates the first."
              : "Each limit, and what this workspace uses of it."}
            {plan.integrationLimitsFromEnvironment && " The integration limits are set by the portal's PORTAL_MAX_INTEGRATIONS variables."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Table>
            <THead>
              <TR>
                <TH>Limit</TH>
                <TH>Used</TH>
                <TH>Plan</TH>
                <TH>
                  <span className="sr-only">Status</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {rows.map((row) => (
                <TR key={row.testId} data-testid={row.testId}>
                  <TD>{row.label}</TD>
                  <TD>{row.used}</TD>
                  <TD>{row.limit}</TD>
                  <TD>{row.used === "—" ? null : <Status over={row.over} included={row.included} />}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
