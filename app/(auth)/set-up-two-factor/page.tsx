import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TwoFactorCard } from "@/components/account/two-factor-card";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/auth/callback-url";
import { getCtx } from "@/lib/auth/session";
import { twoFactorStatus } from "@/lib/users/two-factor";

export const metadata: Metadata = { title: "Set up two-factor" };

/** Where every page sends an admin without two-factor while the portal requires it of admins. */
export default async function SetUpTwoFactorPage() {
  const ctx = await getCtx();
  if (!ctx) redirect("/sign-in");
  if (ctx.mustChangePassword) redirect("/new-password");
  if (!ctx.mustSetUpTwoFactor) redirect(DEFAULT_AFTER_SIGN_IN);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <TwoFactorCard status={await twoFactorStatus(ctx)} forced />
    </main>
  );
}
