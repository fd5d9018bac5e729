import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SecuritySettingsCard } from "@/components/users/security-settings-card";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { env } from "@/lib/env";
import { securitySettings } from "@/lib/users/security-settings";
import { twoFactorStatus } from "@/lib/users/two-factor";

export const metadata: Metadata = { title: "Settings" };

/** The portal's effective configuration (environment variables; secrets are never shown). */
export default async function SettingsPage() {
  const ctx = await requirePageCtx("instance.manage");
  const [security, own] = await Promise.all([securitySettings(ctx), twoFactorStatus(ctx)]);
  const e = env();
  const rows: [string, string, string][] = [
    ["Portal name", "PORTAL_NAME", e.PORTAL_NAME],
    ["Public URL", "PORTAL_URL", e.PORTAL_URL ?? `http://localhost:${e.PORT}`],
    ["Session lifetime", "PORTAL_SESSION_HOURS", `${e.PORTAL_SESSION_HOURS} hours`],
    ["Hosts allowed despite the address check", "PORTAL_WEBHOOK_ALLOWED_HOSTS", e.PORTAL_WEBHOOK_ALLOWED_HOSTS || "none"],
    ["Extra trusted CA certificates", "PORTAL_WEBHOOK_CA_FILE", e.PORTAL_WEBHOOK_CA_FILE ?? "none"],
    ["Execution history kept for", "PORTAL_EXECUTION_RETENTION_DAYS", `${e.PORTAL_EXECUTION_RETENTION_DAYS} days`],
    ["Triggers and retries per user", "PORTAL_TRIGGER_RATE_LIMIT", `${e.PORTAL_TRIGGER_RATE_LIMIT} a minute`],
  ];
  return (
    <>
      <PageHeader
        title="Settings"
        description="The deployment's security settings, which instance admins change here, and the configuration set by environment."
      />
      <div className="grid gap-6">
        <SecuritySettingsCard settings={security} canRequire={!own.available || Boolean(own.enabledAt)} />
        <Card>
          <CardHeader>
            <CardTitle>Configuration in effect</CardTitle>
            <CardDescription>
              Set through environment variables at start-up (see the README for each). Secrets (auth secret, encryption key, database
              password) are not shown.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 sm:grid-cols-[16rem_1fr]">
              {rows.map(([label, name, value]) => (
                <div key={name} className="contents">
                  <dt className="text-sm text-muted-foreground">
                    {label}
                    <div className="font-mono text-xs">{name}</div>
                  </dt>
                  <dd className="break-all font-mono text-sm">{value}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
