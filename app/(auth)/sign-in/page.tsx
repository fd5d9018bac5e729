import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getCtx } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const safeCallback = safeCallbackPath((await searchParams).callbackUrl);
  if (await getCtx()) redirect(safeCallback);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border bg-card p-8 shadow-sm">
        <h1 className="text-xl font-semibold">{env().PORTAL_NAME}</h1>
        <p className="mb-6 mt-1 text-sm text-muted-foreground">Sign in to manage and trigger integrations.</p>
        <SignInForm callbackUrl={safeCallback} />
      </div>
    </main>
  );
}
