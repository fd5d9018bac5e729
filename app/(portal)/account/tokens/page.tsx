import type { Metadata } from "next";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokensTable } from "@/components/tokens/tokens-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { can, grantableScopes } from "@/lib/auth/permissions";
import { listTokens } from "@/lib/tokens/list-tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const ctx = await requirePageCtx("tokens.manage");
  const tokens = await listTokens({ ctx, page: { limit: 200 } });
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Send a token as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> to the /api/v1 API. It acts as you, with
            your current permissions, limited to its scopes.
          </>
        }
        actions={
          can(ctx.actor, "users.manage") ? (
            <WorkspaceLink href="/admin/tokens" className="text-sm underline underline-offset-4">
              Every user’s tokens
            </WorkspaceLink>
          ) : undefined
        }
      />
      <div className="grid gap-6">
        <CreateTokenForm grantable={grantableScopes(ctx.actor)} />
        {/* eslint-disable-next-line react-hooks/purity -- a server component renders once per request */}
        <TokensTable tokens={tokens.data} now={Date.now()} />
      </div>
    </>
  );
}
