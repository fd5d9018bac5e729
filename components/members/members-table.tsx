"use client";
import { useTransition } from "react";
import { toast } from "sonner";
import { removeMemberAction, updateMemberAction } from "@/components/members/actions";
import { resetTwoFactorAction, updateUserAction } from "@/components/users/actions";
import { ResetPasswordButton } from "@/components/users/reset-password-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LocalTime } from "@/components/ui/local-time";
import { NativeSelect } from "@/components/ui/native-select";
import { Switch } from "@/components/ui/switch";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";
import { MEMBER_ROLE_LABEL, MEMBER_ROLES, type MemberRoleInput, type UpdateMemberInput } from "@/lib/members/schemas";
import type { UpdateUserInput } from "@/lib/users/schemas";

export interface MemberRow {
  id: string;
  email: string;
  name: string;
  role: MemberRoleInput;
  canTriggerIntegrations: boolean;
  source: "portal" | "sso";
  accountManagedHere: boolean;
  active: boolean;
  lastSignInAt: Date | null;
  mustChangePassword: boolean;
  ssoIssuer: string | null;
  totpEnabledAt: Date | null;
}

/**
 * The workspace's members: role and trigger permission (the membership's), and the account's
 * state and resets — offered only for an account of no other workspace, or to an instance admin.
 * `rolesBySso`: memberships single sign-on made follow the claims, not these controls.
 */
export function MembersTable({
  members,
  me,
  rolesBySso,
}: {
  members: MemberRow[];
  me: { id: string; role: MemberRoleInput; isInstanceAdmin: boolean };
  rolesBySso: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const result = (ok: boolean, message: string, done: string) => {
    if (ok) toast.success(done);
    else toast.error(message);
    return ok;
  };
  const changeMember = (member: MemberRow, changes: UpdateMemberInput, done: string) =>
    startTransition(async () => {
      const r = await updateMemberAction({ id: member.id, changes });
      result(r.ok, r.ok ? "" : r.message, done);
    });
  const updateAccount = async (member: MemberRow, changes: UpdateUserInput, done: string) => {
    const r = await updateUserAction({ id: member.id, changes });
    return result(r.ok, r.ok ? "" : r.message, done);
  };

  return (
    <Table>
      <THead>
        <TR>
          <TH>Member</TH>
          <TH className={WIDE_ONLY}>Status</TH>
          <TH>Role</TH>
          <TH>Can trigger</TH>
          <TH className={WIDE_ONLY}>Last sign-in</TH>
          <TH className="text-right">Access</TH>
        </TR>
      </THead>
      <TBody>
        {members.map((member) => {
          const bySso = rolesBySso && member.source === "sso";
          // Only an owner grants or takes away the owner role.
          const roleLocked = pending || bySso || (member.role === "owner" && me.role !== "owner");
          const accountHere = member.accountManagedHere || me.isInstanceAdmin;
          const self = member.id === me.id;
          return (
            <TR key={member.id} data-testid={`user-row-${member.email}`}>
              <TD>
                <div className="font-medium">
                  {member.name}
                  {self && <span className="text-muted-foreground"> (you)</span>}
                </div>
                <div className="break-all text-xs text-muted-foreground">{member.email}</div>
              </TD>
              <TD className={WIDE_ONLY}>
                <span className="flex flex-wrap gap-1">
                  {member.active ? <Badge tone="success">Active</Badge> : <Badge>Deactivated</Badge>}
                  {member.mustChangePassword && <Badge tone="warning">Must change password</Badge>}
                  {member.totpEnabledAt && <Badge tone="success">Two-factor</Badge>}
                  {member.ssoIssuer && (
                    <Badge tone="info" title={`Signs in through ${member.ssoIssuer}`}>
                      {bySso ? "Managed by SSO" : "SSO"}
                    </Badge>
                  )}
                  {!member.accountManagedHere && (
                    <Badge title="The account belongs to other workspaces too: an instance admin manages it">Shared account</Badge>
                  )}
                </span>
              </TD>
              <TD>
                <NativeSelect
                  className="w-28"
                  value={member.role}
                  disabled={roleLocked}
                  aria-label={`Role: ${member.email}`}
                  onChange={(e) => {
                    const role = e.target.value as MemberRoleInput;
                    changeMember(member, { role }, `${member.email} is now ${MEMBER_ROLE_LABEL[role].toLowerCase()}.`);
                  }}
                >
                  {MEMBER_ROLES.filter((r) => r !== "owner" || me.role === "owner" || member.role === "owner").map((r) => (
                    <option key={r} value={r}>
                      {MEMBER_ROLE_LABEL[r]}
                    </option>
                  ))}
                </NativeSelect>
              </TD>
              <TD>
                <Switch
                  checked={member.canTriggerIntegrations}
                  disabled={pending || bySso}
                  aria-label={`Can trigger integrations: ${member.email}`}
                  onCheckedChange={(canTriggerIntegrations) =>
                    changeMember(
                      member,
                      { canTriggerIntegrations },
                      `${member.email} ${canTriggerIntegrations ? "can now" : "can no longer"} trigger integrations.`,
                    )
                  }
                />
              </TD>
              <TD className={`${WIDE_ONLY} text-muted-foreground`}>
                {member.lastSignInAt ? <LocalTime value={member.lastSignInAt} relative /> : "Never"}
              </TD>
              <TD className="text-right">
                <span className="inline-flex flex-wrap justify-end gap-2">
                  {accountHere && !self && !member.ssoIssuer && <ResetPasswordButton user={member} disabled={pending} />}
                  {accountHere && !self && member.totpEnabledAt && (
                    <ConfirmDialog
                      trigger={
                        <Button variant="outline" size="sm" disabled={pending} aria-label={`Reset two-factor of ${member.email}`}>
                          Reset two-factor
                        </Button>
                      }
                      title={`Turn off two-factor for ${member.email}?`}
                      description="For someone who lost their phone and recovery codes. They are signed out everywhere and sign in with their password alone — or, as an admin while two-factor is required, set it up again first."
                      confirmLabel="Reset two-factor"
                      destructive
                      onConfirm={async () => {
                        const r = await resetTwoFactorAction({ id: member.id });
                        return result(r.ok, r.ok ? "" : r.message, `Two-factor is off for ${member.email}.`);
                      }}
                    />
                  )}
                  {accountHere &&
                    (member.active ? (
                      <ConfirmDialog
                        trigger={
                          <Button variant="outline" size="sm" disabled={pending}>
                            Deactivate
                          </Button>
                        }
                        title={`Deactivate ${member.email}?`}
                        description="They are signed out at once and can no longer sign in or use their API tokens. You can reactivate them later."
                        confirmLabel="Deactivate"
                        destructive
                        onConfirm={() => updateAccount(member, { active: false }, `${member.email} is deactivated.`)}
                      />
                    ) : (
                      <Button
                        variant="outline"
                        size="sm"
                        disabled={pending}
                        onClick={() =>
                          startTransition(
                            async () => void (await updateAccount(member, { active: true }, `${member.email} is active again.`)),
                          )
                        }
                      >
                        Reactivate
                      </Button>
                    ))}
                  <ConfirmDialog
                    trigger={
                      <Button variant="outline" size="sm" disabled={pending} aria-label={`Remove ${member.email}`}>
                        Remove
                      </Button>
                    }
                    title={`Remove ${member.email} from the workspace?`}
                    description="Their API tokens of this workspace are revoked. Their account stays, with its other workspaces; an invitation brings them back."
                    confirmLabel="Remove"
                    destructive
                    onConfirm={async () => {
                      const r = await removeMemberAction({ id: member.id });
                      return result(r.ok, r.ok ? "" : r.message, `${member.email} is no longer a member.`);
                    }}
                  />
                </span>
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
