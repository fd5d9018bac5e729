"use client";
import { toast } from "sonner";
import { deletePlanAction } from "@/components/plans/actions";
import { PlanDialog } from "@/components/plans/plan-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";
import { CONNECTOR_TYPE_INFO, type ConnectorType } from "@/lib/webhooks/connector-types";
import type { PlanView } from "@/lib/workspaces/views";

const limit = (n: number | null, unit = "") => (n === null ? "No limit" : `${n}${unit}`);

/** What a plan allows, in a few words: integrations, types left out or limited, and what is not included. */
function summary(plan: PlanView): string[] {
  const perType = Object.entries(plan.maxPerConnectorType) as [ConnectorType, number][];
  return [
    `${limit(plan.maxIntegrations)} integrations${plan.onePerConnectorType ? ", one per connector type" : ""}`,
    ...perType.map(([type, n]) => (n === 0 ? `no ${CONNECTOR_TYPE_INFO[type].label}` : `${CONNECTOR_TYPE_INFO[type].label}: at most ${n}`)),
    ...(plan.automaticDeliveries ? [] : ["no automatic deliveries"]),
    ...(plan.retrySchedules ? [] : ["no retry schedules"]),
  ];
}

export function PlansTable({ plans }: { plans: PlanView[] }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Plan</TH>
          <TH>Allows</TH>
          <TH className={WIDE_ONLY}>Rates a minute</TH>
          <TH className={WIDE_ONLY}>History</TH>
          <TH>Workspaces</TH>
          <TH className="text-right">
            <span className="sr-only">Actions</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {plans.map((plan) => (
          <TR key={plan.id} data-testid={`plan-row-${plan.key}`}>
            <TD>
              <div className="font-medium">{plan.name}</div>
              <div className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
                <code>{plan.key}</code>
                {plan.builtIn && <Badge>Built in</Badge>}
                {plan.integrationLimitsFromEnvironment && <Badge tone="info">Limits from PORTAL_MAX_INTEGRATIONS*</Badge>}
              </div>
            </TD>
            <TD className="text-sm">{summary(plan).join("; ")}</TD>
            <TD className={`${WIDE_ONLY} text-sm`}>
              {limit(plan.ingestPerMinute)} events, {limit(plan.triggersPerMinute)} triggers
            </TD>
            <TD className={`${WIDE_ONLY} text-sm`}>{plan.historyDays === null ? "As the portal keeps it" : `${plan.historyDays} days`}</TD>
            <TD>{plan.workspaces}</TD>
            <TD className="text-right">
              <span className="inline-flex gap-2">
                <PlanDialog plan={plan} />
                {!plan.builtIn && (
                  <ConfirmDialog
                    trigger={
                      <Button variant="outline" size="sm" disabled={plan.workspaces > 0} aria-label={`Delete plan ${plan.name}`}>
                        Delete
                      </Button>
                    }
                    title={`Delete the ${plan.name} plan?`}
                    description="No workspace is on it. This cannot be undone."
                    confirmLabel="Delete plan"
                    destructive
                    onConfirm={async () => {
                      const result = await deletePlanAction({ id: plan.id });
                      if (result.ok) toast.success(`The ${plan.name} plan is deleted.`);
                      else toast.error(result.message);
                      return result.ok;
                    }}
                  />
                )}
              </span>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
