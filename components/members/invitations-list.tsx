"use client";
import { toast } from "sonner";
import { revokeInvitationAction } from "@/components/members/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";
import { MEMBER_ROLE_LABEL, type MemberRoleInput } from "@/lib/members/schemas";

interface InvitationRow {
  id: string;
  email: string;
  role: string;
  canTriggerIntegrations: boolean;
  expiresAt: Date;
  createdAt: Date;
}

/** Invitations not yet used, each revocable (its link then stops working). */
export function InvitationsList({ invitations }: { invitations: InvitationRow[] }) {
  if (invitations.length === 0) return null;
  return (
    <section className="grid gap-2" aria-labelledby="pending-invitations">
      <h2 id="pending-invitations" className="text-sm font-semibold">
        Pending invitations
      </h2>
      <Table>
        <THead>
          <TR>
            <TH>Email</TH>
            <TH>Role</TH>
            <TH className={WIDE_ONLY}>Expires</TH>
            <TH className="text-right">
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {invitations.map((invitation) => (
            <TR key={invitation.id} data-testid={`invitation-row-${invitation.email}`}>
              <TD className="break-all">{invitation.email}</TD>
              <TD>
                {MEMBER_ROLE_LABEL[invitation.role as MemberRoleInput] ?? invitation.role}
                {invitation.canTriggerIntegrations && <span className="text-muted-foreground"> + trigger</span>}
              </TD>
              <TD className={`${WIDE_ONLY} text-muted-foreground`}>
                <LocalTime value={invitation.expiresAt} relative />
              </TD>
              <TD className="text-right">
                <ConfirmDialog
                  trigger={
                    <Button variant="outline" size="sm" aria-label={`Revoke the invitation of ${invitation.email}`}>
                      Revoke
                    </Button>
                  }
                  title={`Revoke the invitation of ${invitation.email}?`}
                  description="Its link stops working. You can invite them again."
                  confirmLabel="Revoke"
                  destructive
                  onConfirm={async () => {
                    const result = await revokeInvitationAction({ id: invitation.id });
                    if (result.ok) toast.success(`The invitation of ${invitation.email} is revoked.`);
                    else toast.error(result.message);
                    return result.ok;
                  }}
                />
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </section>
  );
}
