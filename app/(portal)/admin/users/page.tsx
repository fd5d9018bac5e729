import type { Metadata } from "next";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import { UsersTable } from "@/components/users/users-table";
import { PageHeader } from "@/components/ui/page-header";
import { ssoManagesRoles } from "@/lib/auth/oidc";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { listUsers } from "@/lib/users/list-users";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const ctx = await requirePageCtx("users.manage");
  const { cursor } = await searchParams;
  const page = await listUsers({ ctx, page: { limit: 50, cursor } });
  return (
    <>
      <PageHeader
        title="Users"
        description="Admins manage integrations, webhooks and users. The trigger permission lets a user send webhooks and retry them."
        actions={
          <>
            <WorkspaceLink href="/admin/tokens" className="text-sm underline underline-offset-4">
              API tokens
            </WorkspaceLink>
            <CreateUserDialog />
          </>
        }
      />
      <UsersTable users={page.data} currentUserId={ctx.actor.id} rolesBySso={ssoManagesRoles()} />
      <Pager nextCursor={page.nextCursor} hasPrevious={Boolean(cursor)} />
    </>
  );
}
