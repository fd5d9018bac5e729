"use client";
import { useTransition } from "react";
import { toast } from "sonner";
import { resetTwoFactorAction, updateUserAction } from "@/components/users/actions";
import { ResetPasswordButton } from "@/components/users/reset-password-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Switch } from "@/components/ui/switch";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";
import type { UpdateUserInput } from "@/lib/users/schemas";
import { LocalTime } from "@/components/ui/local-time";

interface UserRow {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  canTriggerIntegrations: boolean;
  active: boolean;
  lastSignInAt: Date | null;
  mustChangePassword: boolean;
  ssoIssuer: string | null;
  totpEnabledAt: Date | null;
}

/** `rolesBySso`: the admin and trigger flags of SSO users follow their claims, not these switches. */
export function UsersTable({ users, currentUserId, rolesBySso }: { users: UserRow[]; currentUserId: string; rolesBySso: boolean }) {
  const [pending, startTransition] = useTransition();
  const update = async (user: UserRow, changes: UpdateUserInput, done: string) => {
    const result = await updateUserAction({ id: user.id, changes });
    if (result.ok) toast.success(done);
    else toast.error(result.message);
    return result.ok;
  };
  const change = (user: UserRow, changes: UpdateUserInput, done: string) =>
    startTransition(async () => void (await update(user, changes, done)));

  return (
    <Table>
      <THead>
        <TR>
          <TH>User</TH>
          <TH className={WIDE_ONLY}>Status</TH>
          <TH>Admin</TH>
          <TH>Can trigger</TH>
          <TH className={WIDE_ONLY}>Last sign-in</TH>
          <TH className="text-right">Access</TH>
        </TR>
      </THead>
      <TBody>
        {users.map((user) => (
          <TR key={user.id} data-testid={`user-row-${user.email}`}>
            <TD>
              <div className="font-medium">
                {user.name}
                {user.id === currentUserId && <span className="text-muted-foreground"> (you)</span>}
              </div>
              <div className="break-all text-xs text-muted-foreground">{user.email}</div>
            </TD>
            <TD className={WIDE_ONLY}>
              <span className="flex flex-wrap gap-1">
                {user.active ? <Badge tone="success">Active</Badge> : <Badge>Deactivated</Badge>}
                {user.mustChangePassword && <Badge tone="warning">Must change password</Badge>}
                {user.totpEnabledAt && <Badge tone="success">Two-factor</Badge>}
                {user.ssoIssuer && (
                  <Badge tone="info" title={`Signs in through ${user.ssoIssuer}`}>
                    {rolesBySso ? "Managed by SSO" : "SSO"}
                  </Badge>
                )}
              </span>
            </TD>
            <TD>
              <Switch
                checked={user.isAdmin}
                disabled={pending || (rolesBySso && Boolean(user.ssoIssuer))}
                aria-label={`Admin: ${user.email}`}
                onCheckedChange={(isAdmin) =>
                  change(user, { isAdmin }, `${user.email} ${isAdmin ? "is now an admin" : "is no longer an admin"}.`)
                }
              />
            </TD>
            <TD>
              <Switch
                checked={user.canTriggerIntegrations}
                disabled={pending || (rolesBySso && Boolean(user.ssoIssuer))}
                aria-label={`Can trigger integrations: ${user.email}`}
                onCheckedChange={(canTriggerIntegrations) =>
                  change(
                    user,
                    { canTriggerIntegrations },
                    `${user.email} ${canTriggerIntegrations ? "can now" : "can no longer"} trigger integrations.`,
                  )
                }
              />
            </TD>
            <TD className={`${WIDE_ONLY} text-muted-foreground`}>
              {user.lastSignInAt ? <LocalTime value={user.lastSignInAt} relative /> : "Never"}
            </TD>
            <TD className="text-right">
              <span className="inline-flex flex-wrap justify-end gap-2">
                {user.id !== currentUserId && !user.ssoIssuer && <ResetPasswordButton user={user} disabled={pending} />}
                {user.id !== currentUserId && user.totpEnabledAt && (
                  <ConfirmDialog
                    trigger={
                      <Button variant="outline" size="sm" disabled={pending} aria-label={`Reset two-factor of ${user.email}`}>
                        Reset two-factor
                      </Button>
                    }
                    title={`Turn off two-factor for ${user.email}?`}
                    description="For someone who lost their phone and recovery codes. They are signed out everywhere and sign in with their password alone — or, as an admin while two-factor is required, set it up again first."
                    confirmLabel="Reset two-factor"
                    destructive
                    onConfirm={async () => {
                      const result = await resetTwoFactorAction({ id: user.id });
                      if (result.ok) toast.success(`Two-factor is off for ${user.email}.`);
                      else toast.error(result.message);
                      return result.ok;
                    }}
                  />
                )}
                {user.active ? (
                  <ConfirmDialog
                    trigger={
                      <Button variant="outline" size="sm" disabled={pending}>
                        Deactivate
                      </Button>
                    }
                    title={`Deactivate ${user.email}?`}
                    description="They are signed out at once and can no longer sign in or use their API tokens. You can reactivate them later."
                    confirmLabel="Deactivate"
                    destructive
                    onConfirm={() => update(user, { active: false }, `${user.email} is deactivated.`)}
                  />
                ) : (
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={pending}
                    onClick={() => change(user, { active: true }, `${user.email} is active again.`)}
                  >
                    Reactivate
                  </Button>
                )}
              </span>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
