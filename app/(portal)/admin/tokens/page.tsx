import type { Metadata } from "next";
import { TokensTable } from "@/components/tokens/tokens-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { listAllTokens } from "@/lib/tokens/list-all-tokens";

export const metadata: Metadata = { title: "Every user’s API tokens" };

export default async function AllTokensPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const ctx = await requirePageCtx("users.manage");
  const { cursor } = await searchParams;
  const page = await listAllTokens({ ctx, page: { limit: 100, cursor } });
  return (
    <>
      <PageHeader
        title="Every user’s API tokens"
        description="Tokens that are not revoked, newest first. Revoking one stops every client using it at once."
      />
      {/* eslint-disable-next-line react-hooks/purity -- a server component renders once per request */}
      <TokensTable tokens={page.data} now={Date.now()} empty="No user has an API token: each user creates their own under API tokens." />
      <Pager nextCursor={page.nextCursor} hasPrevious={Boolean(cursor)} />
    </>
  );
}
