"use client";
import { toast } from "sonner";
import { deleteWorkspaceAction, grantSupportAccessAction } from "@/components/workspaces/actions";
import { EditWorkspaceDialog } from "@/components/workspaces/edit-workspace-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";
import type { WorkspaceAdminView } from "@/lib/workspaces/views";

/**
 * Every workspace with its plan and counts: an instance admin sees no workspace data here. Support
 * access makes them a member (audited in that workspace's log), after which they see it as members do.
 */
export function WorkspacesTable({
  workspaces,
  plans,
  memberOf,
}: {
  workspaces: WorkspaceAdminView[];
  plans: { key: string; name: string }[];
  /** Slugs of the workspaces the admin is a member of. */
  memberOf: string[];
}) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Workspace</TH>
          <TH>Plan</TH>
          <TH>Members</TH>
          <TH>Integrations</TH>
          <TH className={WIDE_ONLY}>Created</TH>
          <TH className="text-right">
            <span className="sr-only">Actions</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {workspaces.map((w) => (
          <TR key={w.id} data-testid={`workspace-row-${w.slug}`}>
            <TD>
              <div className="font-medium">{w.name}</div>
              <div className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
                <code>{w.slug}</code>
                {w.isDefault && <Badge>Default</Badge>}
                {memberOf.includes(w.slug) && <Badge tone="info">Member</Badge>}
              </div>
            </TD>
            <TD>{w.plan.name}</TD>
            <TD>{w.members}</TD>
            <TD>{w.integrations}</TD>
            <TD className={WIDE_ONLY}>
              <LocalTime value={w.createdAt} />
            </TD>
            <TD className="text-right">
              <span className="inline-flex flex-wrap justify-end gap-2">
                <EditWorkspaceDialog workspace={w} plans={plans} />
                {!memberOf.includes(w.slug) && (
                  <ConfirmDialog
                    trigger={
                      <Button variant="outline" size="sm" aria-label={`Support access to ${w.name}`}>
                        Support access
                      </Button>
                    }
                    title={`Support access to ${w.name}?`}
                    description="You become a member of this workspace (role: member), and its audit log records it for its owners to see. Remove yourself on its Members page when done."
                    confirmLabel="Join as support"
                    onConfirm={async () => {
                      const result = await grantSupportAccessAction({ workspace: w.slug, role: "member" });
                      if (result.ok) toast.success(`You are now a member of ${w.name}.`);
                      else toast.error(result.message);
                      return result.ok;
                    }}
                  />
                )}
                {!w.isDefault && (
                  <ConfirmDialog
                    trigger={
                      <Button variant="outline" size="sm" aria-label={`Delete workspace ${w.name}`}>
                        Delete
                      </Button>
                    }
                    title={`Delete ${w.name}?`}
                    description="Its integrations, webhooks, subscriptions, event types, API tokens, memberships and its whole history (events, deliveries, audit log) are deleted. This cannot be undone."
                    confirmLabel="Delete workspace"
                    destructive
                    onConfirm={async () => {
                      const result = await deleteWorkspaceAction({ slug: w.slug });
                      if (result.ok) toast.success(`${w.name} is deleted.`);
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
