import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/auth/callback-url";
import { getCtx } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Choose a new password" };

/** Where every page sends a person whose password an admin reset, until they choose their own. */
export default async function NewPasswordPage() {
  const ctx = await getCtx();
  if (!ctx) redirect("/sign-in");
  if (!ctx.mustChangePassword) redirect(DEFAULT_AFTER_SIGN_IN);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <ChangePasswordForm required />
    </main>
  );
}
