import type { Metadata } from "next";
import { InvitationsList } from "@/components/members/invitations-list";
import { InviteDialog } from "@/components/members/invite-dialog";
import { MembersTable } from "@/components/members/members-table";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { ssoManagesRoles } from "@/lib/auth/oidc";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { listInvitations } from "@/lib/members/list-invitations";
import { listMembers } from "@/lib/members/list-members";

export const metadata: Metadata = { title: "Members" };

/** The workspace's members (the page kept its /admin/users address): roles, invitations, removal. */
export default async function MembersPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const ctx = await requirePageCtx("users.manage");
  const { cursor } = await searchParams;
  const [page, invitations] = await Promise.all([listMembers({ ctx, page: { limit: 50, cursor } }), listInvitations({ ctx })]);
  const role = ctx.membership?.role ?? "member";
  return (
    <>
      <PageHeader
        title="Members"
        description={`The people of ${ctx.workspace?.name ?? "this workspace"}. Owners and admins manage integrations, webhooks and members; only an owner grants the owner role. The trigger permission lets a member send webhooks and retry them.`}
        actions={
          <>
            <WorkspaceLink href="/admin/tokens" className="text-sm underline underline-offset-4">
              API tokens
            </WorkspaceLink>
            <CreateUserDialog />
            <InviteDialog canInviteOwner={role === "owner"} />
          </>
        }
      />
      <div className="grid gap-6">
        <InvitationsList invitations={invitations.data} />
        <MembersTable
          members={page.data}
          me={{ id: ctx.actor.id, role, isInstanceAdmin: ctx.actor.isInstanceAdmin }}
          rolesBySso={ssoManagesRoles()}
        />
        <Pager nextCursor={page.nextCursor} hasPrevious={Boolean(cursor)} />
      </div>
    </>
  );
}
