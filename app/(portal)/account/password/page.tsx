import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";

export const metadata: Metadata = { title: "Password" };

export default async function PasswordPage() {
  const ctx = await requirePageCtx("account.manage");
  return (
    <>
      <PageHeader title="Password" description={<>Signed in as {ctx.actor.email}.</>} />
      <ChangePasswordForm required={Boolean(ctx.mustChangePassword)} />
    </>
  );
}
