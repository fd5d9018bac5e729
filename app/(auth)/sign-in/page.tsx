import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoButton } from "@/components/auth/sso-button";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { SSO_REFUSALS, ssoEnabled, type SsoRefusalReason } from "@/lib/auth/oidc";
import { getCtx } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const query = await searchParams;
  const safeCallback = safeCallbackPath(query.callbackUrl);
  if (await getCtx()) redirect(safeCallback);
  const { PORTAL_NAME, PORTAL_OIDC_NAME, PORTAL_PASSWORD_SIGN_IN } = env();
  // Only the portal's own words: the query names a reason, never a message to show.
  const ssoError = query.error ? (SSO_REFUSALS[query.error as SsoRefusalReason] ?? SSO_REFUSALS.failed) : null;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border bg-card p-8 shadow-sm">
        <h1 className="text-xl font-semibold">{PORTAL_NAME}</h1>
        <p className="mb-6 mt-1 text-sm text-muted-foreground">Sign in to manage and trigger integrations.</p>
        {ssoError && (
          <p
            role="status"
            data-testid="sso-error"
            className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {ssoError}
          </p>
        )}
        <div className="grid gap-4">
          {ssoEnabled() && <SsoButton name={PORTAL_OIDC_NAME} callbackUrl={safeCallback} primary={!PORTAL_PASSWORD_SIGN_IN} />}
          {ssoEnabled() && PORTAL_PASSWORD_SIGN_IN && (
            <p className="text-center text-xs text-muted-foreground">or with your email and password</p>
          )}
          {PORTAL_PASSWORD_SIGN_IN && <SignInForm callbackUrl={safeCallback} />}
        </div>
      </div>
    </main>
  );
}
