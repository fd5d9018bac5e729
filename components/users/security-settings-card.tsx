"use client";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { updateSecuritySettingsAction } from "@/components/users/actions";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SwitchRow } from "@/components/ui/switch";

/** The settings admins change here rather than by environment: for now, two-factor for admins. */
export function SecuritySettingsCard({
  settings,
  canRequire,
}: {
  settings: { requireAdminTwoFactor: boolean; adminsWithoutTwoFactor: number };
  /** False for an admin with a password and no two-factor: they set up their own first. */
  canRequire: boolean;
}) {
  const [current, setCurrent] = useState(settings);
  const [pending, startTransition] = useTransition();
  const change = (requireAdminTwoFactor: boolean) =>
    startTransition(async () => {
      const result = await updateSecuritySettingsAction({ requireAdminTwoFactor });
      if (!result.ok) return void toast.error(result.message);
      setCurrent(result);
      toast.success(requireAdminTwoFactor ? "Two-factor is now required for admins." : "Two-factor is no longer required for admins.");
    });
  const waiting = current.adminsWithoutTwoFactor;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Security</CardTitle>
        <CardDescription>Changed here by admins, recorded in the audit log.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        <SwitchRow
          id="require-admin-two-factor"
          label="Require two-factor for admins"
          hint={
            canRequire || current.requireAdminTwoFactor
              ? "Admins who sign in with a password must set up an authenticator app before they can do anything else. Single sign-on users are left to their identity provider; API tokens go on working."
              : "Set up two-factor on your own account first (Account → Two-factor)."
          }
          checked={current.requireAdminTwoFactor}
          disabled={pending || (!canRequire && !current.requireAdminTwoFactor)}
          onCheckedChange={change}
        />
        {waiting > 0 && (
          <p className="text-xs text-muted-foreground" data-testid="admins-without-two-factor">
            {waiting} active admin{waiting === 1 ? " has" : "s have"} not set up two-factor
            {current.requireAdminTwoFactor ? ": they are asked to at their next page." : "."}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
