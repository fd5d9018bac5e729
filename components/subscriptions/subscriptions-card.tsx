import { Pencil, Plus, Rss } from "lucide-react";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listEventTypes } from "@/lib/event-types/list-event-types";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";
import type { SubscriptionWithActivity } from "@/lib/subscriptions/views";
import { RecoverCard } from "./recover-card";
import { DeleteSubscriptionButton, SubscriptionSwitch } from "./subscription-actions";
import { listDetailPaths } from "@/lib/event-types/list-detail-paths";
import type { DetailPathsByType } from "./filter-paths";
import { SubscriptionDialog } from "./subscription-dialog";

/** The integration's subscriptions: what it receives automatically, and what each matched recently. */
export async function SubscriptionsCard({
  ctx,
  integrationId,
  webhookEnabled,
}: {
  ctx: Ctx;
  integrationId: string;
  webhookEnabled: boolean;
}) {
  const canManage = can(ctx.actor, "integrations.manage");
  const [{ data: subscriptions }, catalog, detailPaths] = await Promise.all([
    listSubscriptions({ ctx, integrationId }),
    canManage ? listEventTypes({ ctx }) : Promise.resolve({ data: [] }),
    canManage ? listDetailPaths({ ctx }) : Promise.resolve({}),
  ]);
  const eventTypes = catalog.data.map((t) => ({ name: t.name, description: t.description }));
  return (
    <Card id="subscriptions" className="scroll-mt-4">
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="grid gap-1">
          <CardTitle>Subscriptions</CardTitle>
          <CardDescription>
            Events delivered automatically to this integration.
            {!webhookEnabled && subscriptions.length > 0 && " The webhook is not enabled, so nothing is delivered until it is."}
          </CardDescription>
        </div>
        {canManage && (
          <SubscriptionDialog
            integrationId={integrationId}
            subscription={null}
            eventTypes={eventTypes}
            detailPaths={detailPaths}
            trigger={
              <Button variant="outline" size="sm">
                <Plus aria-hidden /> Add subscription
              </Button>
            }
          />
        )}
      </CardHeader>
      <CardContent>
        {subscriptions.length === 0 ? (
          <EmptyState icon={Rss} title="No subscriptions">
            {canManage
              ? "Add one to deliver matching events automatically, without anyone pressing Trigger."
              : "This integration is only triggered by hand."}
          </EmptyState>
        ) : (
          <ul className="grid gap-3" aria-label="Subscriptions">
            {subscriptions.map((s) => (
              <SubscriptionRow
                key={s.id}
                s={s}
                integrationId={integrationId}
                canManage={canManage}
                eventTypes={eventTypes}
                detailPaths={detailPaths}
              />
            ))}
          </ul>
        )}
        {subscriptions.length > 0 && (
          <div className="mt-3">
            <RecoverCard integrationId={integrationId} canRecover={can(ctx.actor, "integrations.trigger")} />
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function policyText(s: SubscriptionWithActivity): string {
  const retries = s.retrySchedule
    ? `Retried after ${s.retrySchedule.map(formatDelay).join(", ")}${s.retryJitter ? " (±20 %)" : ""}`
    : "No automatic retry";
  const failures = s.consecutiveFailures > 0 ? ` (${s.consecutiveFailures} so far)` : "";
  return `${retries} · disabled after ${s.disableAfterFailures} failed in a row${failures}`;
}

const formatDelay = (seconds: number) =>
  seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;

function SubscriptionRow({
  s,
  integrationId,
  canManage,
  eventTypes,
  detailPaths,
}: {
  s: SubscriptionWithActivity;
  integrationId: string;
  canManage: boolean;
  eventTypes: { name: string; description: string }[];
  detailPaths: DetailPathsByType;
}) {
  const label = s.eventTypes.join(", ");
  const conditions = [
    s.minSeverity && `severity ≥ ${s.minSeverity}`,
    s.sources.length > 0 && `source ${s.sources.join(" or ")}`,
    s.filter && `filter ${JSON.stringify(s.filter)}`,
  ].filter(Boolean);
  return (
    <li className="grid gap-2 rounded-md border p-3 sm:grid-cols-[1fr_auto] sm:items-start" data-testid="subscription">
      <div className="grid min-w-0 gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="break-all font-mono text-sm font-medium">{label}</span>
          <Badge tone={s.enabled ? "success" : "neutral"}>{s.enabled ? "Enabled" : "Disabled"}</Badge>
          <Badge>{s.mode === "event" ? "Event payload" : "Empty body"}</Badge>
        </div>
        {s.description && <p className="text-sm text-muted-foreground">{s.description}</p>}
        {s.disabledReason && (
          <p className="text-sm text-destructive" data-testid="disabled-reason">
            Disabled by the portal
            {s.disabledAt && (
              <>
                {" "}
                <LocalTime value={s.disabledAt} relative />
              </>
            )}
            : {s.disabledReason}
            {s.lastError && <span className="block break-all text-xs">Last error: {s.lastError}</span>}
          </p>
        )}
        <p className="text-xs text-muted-foreground">{policyText(s)}</p>
        <p className="break-all text-xs text-muted-foreground">
          {conditions.length > 0 ? `Only when ${conditions.join(", ")}` : "Every event of these types"}
        </p>
        <p className="text-xs text-muted-foreground">
          <WorkspaceLink className="text-primary underline underline-offset-4" href={`/executions?kind=automatic&subscriptionId=${s.id}`}>
            {s.activity.deliveries24h} {s.activity.deliveries24h === 1 ? "delivery" : "deliveries"}
            {s.activity.attempts24h !== s.activity.deliveries24h && ` (${s.activity.attempts24h} attempts, retries included)`} in the last
            24 h
          </WorkspaceLink>
          {s.activity.lastDeliveryAt ? (
            <>
              {" "}
              · last <LocalTime value={s.activity.lastDeliveryAt} relative />
            </>
          ) : (
            " · none yet"
          )}
        </p>
      </div>
      {canManage && (
        <div className="flex items-center gap-1">
          <SubscriptionSwitch id={s.id} enabled={s.enabled} label={`Enabled: ${label}`} />
          <SubscriptionDialog
            integrationId={integrationId}
            subscription={s}
            eventTypes={eventTypes}
            detailPaths={detailPaths}
            trigger={
              <Button variant="ghost" size="sm" aria-label={`Edit subscription ${label}`}>
                <Pencil aria-hidden />
              </Button>
            }
          />
          <DeleteSubscriptionButton id={s.id} label={label} />
        </div>
      )}
    </li>
  );
}
