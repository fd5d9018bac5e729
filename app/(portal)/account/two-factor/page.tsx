import type { Metadata } from "next";
import { TwoFactorCard } from "@/components/account/two-factor-card";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { twoFactorStatus } from "@/lib/users/two-factor";

export const metadata: Metadata = { title: "Two-factor" };

export default async function TwoFactorPage() {
  const ctx = await requirePageCtx("account.manage");
  const status = await twoFactorStatus(ctx);
  return (
    <>
      <PageHeader title="Two-factor" description={<>Signed in as {ctx.actor.email}.</>} />
      {status.available ? (
        <TwoFactorCard status={status} />
      ) : (
        <Card className="w-full max-w-xl">
          <CardHeader>
            <CardTitle>Two-factor authentication</CardTitle>
            <CardDescription>You sign in through single sign-on: a second factor is up to your identity provider.</CardDescription>
          </CardHeader>
        </Card>
      )}
    </>
  );
}
