import { TriangleAlert } from "lucide-react";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import type { AutoDisabledIntegration } from "@/lib/subscriptions/list-auto-disabled";

const SHOWN = 3;

/**
 * Told to admins on every page while the portal has disabled a subscription (410 Gone, too many
 * failures in a row): which integration, why, where to enable it again — and, where the
 * integration sends no failure alerts yet, where to set them up.
 */
export function AutoDisabledBanner({ integrations }: { integrations: AutoDisabledIntegration[] }) {
  if (integrations.length === 0) return null;
  const count = integrations.reduce((n, i) => n + i.subscriptions.length, 0);
  return (
    <div
      role="region"
      aria-label="Subscriptions disabled by the portal"
      data-testid="auto-disabled-banner"
      className="border-b border-destructive/30 bg-destructive/10 px-3 py-2 text-sm sm:px-6"
    >
      <div className="mx-auto flex max-w-7xl items-start gap-2">
        <TriangleAlert className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
        <div className="grid min-w-0 gap-1">
          <p className="font-medium">
            The portal disabled {count === 1 ? "a subscription" : `${count} subscriptions`} after failed deliveries: matching events are not
            sent until {count === 1 ? "it is" : "they are"} enabled again.
          </p>
          <ul className="grid gap-0.5">
            {integrations.slice(0, SHOWN).map((i) => (
              <li key={i.integrationId} className="break-words">
                <WorkspaceLink href={`/integrations/${i.integrationId}#subscriptions`} className="font-medium underline underline-offset-2">
                  {i.integrationName}
                </WorkspaceLink>
                {i.subscriptions.length > 1 && ` (${i.subscriptions.length})`}: {i.subscriptions[0]!.disabledReason}
                {!i.alertsConfigured && (
                  <>
                    {" · "}
                    <WorkspaceLink href={`/integrations/${i.integrationId}#alerts`} className="underline underline-offset-2">
                      Send its failure alerts to a channel
                    </WorkspaceLink>
                  </>
                )}
              </li>
            ))}
            {integrations.length > SHOWN && (
              <li>
                and {integrations.length - SHOWN} more{" "}
                <WorkspaceLink href="/integrations" className="underline underline-offset-2">
                  on the integrations list
                </WorkspaceLink>
              </li>
            )}
          </ul>
        </div>
      </div>
    </div>
  );
}
