import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokensTable } from "@/components/tokens/tokens-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { listTokens } from "@/lib/tokens/list-tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const ctx = await requirePageCtx("tokens.manage");
  const tokens = await listTokens({ ctx, page: { limit: 200 } });
  return (
    <>
      <PageHeader
        title="API tokens"
        description={<>Send a token as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> to the /api/v1 API. It acts as you, with your current permissions.</>}
      />
      <div className="grid gap-6">
        <CreateTokenForm />
        <TokensTable tokens={tokens.data} />
      </div>
    </>
  );
}
