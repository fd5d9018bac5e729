import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { headers as requestHeaders } from "next/headers";
import { env, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { endSession } from "./end-sessions";
import { signInWithOidc, ssoEnabled, SsoRefusal, type OidcClaims } from "./oidc";
import { clientAddress } from "./origin";
import { signInWithPassword } from "./sign-in";

/**
 * next-auth with email + password and, when configured, single sign-on through an OpenID
 * provider (PORTAL_OIDC_*; PORTAL_PASSWORD_SIGN_IN=0 leaves only that). Sessions are signed JWT cookies whose token expires (`exp`)
 * with the cookie, after PORTAL_SESSION_HOURS, and that carry the time of sign-in and the user's
 * session version. The user behind one is loaded from the database on every request
 * (lib/auth/session.ts): a session older than PORTAL_SESSION_HOURS, of a deactivated user or of
 * an earlier session version (deactivation, role change: endSessions) or signed out (its sign-in
 * row marked so: endSession) is nobody.
 */
export function authOptions(): NextAuthOptions {
  const maxAge = env().PORTAL_SESSION_HOURS * 3600;
  return {
    secret: env().PORTAL_AUTH_SECRET,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    // next-auth sends its own errors (a refused or tampered callback) to the sign-in page too.
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [...(ssoEnabled() ? [oidcProvider(env())] : []), ...(env().PORTAL_PASSWORD_SIGN_IN ? [passwordProvider()] : [])],
    callbacks: {
      // A single sign-on becomes a portal user here; the `user` object then goes to `jwt` below.
      signIn: async ({ user, account, profile }) => {
        if (account?.provider !== "oidc") return true;
        try {
          const headers = await requestHeaders();
          const signedIn = await signInWithOidc(profile as OidcClaims, {
            ip: clientAddress(headers),
            userAgent: headers.get("user-agent"),
          });
          Object.assign(user, signedIn);
          return true;
        } catch (error) {
          if (!(error instanceof SsoRefusal)) logger().error({ err: error }, "single sign-on failed unexpectedly");
          return `/sign-in?error=${error instanceof SsoRefusal ? error.reason : "failed"}`;
        }
      },
      jwt: ({ token, user, account }) => {
        if (!user) return token;
        const { sessionVersion, sessionId } = user as { sessionVersion?: number; sessionId?: string };
        // How the session began: one begun by single sign-on is not asked for the portal's own second factor.
        const via = account?.provider === "oidc" ? "sso" : "password";
        return { ...token, sub: user.id, sv: sessionVersion ?? 0, sid: sessionId, signedInAt: Date.now(), via };
      },
      session: ({ session, token }) => ({
        ...session,
        userId: token.sub,
        sessionVersion: token.sv,
        sessionId: token.sid,
        signedInAt: token.signedInAt,
        signedInVia: token.via,
      }),
    },
    events: {
      // Signing out ends the session on the server too, not only the cookie in this browser.
      signOut: async ({ token }) => {
        await endSession(String(token?.sid ?? ""));
      },
    },
  };
}

/** Email and password (and a two-factor code), checked by signInWithPassword (lockout included). */
function passwordProvider() {
  return CredentialsProvider({
    name: "Email and password",
    credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
    async authorize(credentials, req) {
      const headers = new Headers(req.headers as Record<string, string>);
      try {
        const actor = await signInWithPassword(credentials, {
          ip: clientAddress(headers),
          userAgent: headers.get("user-agent"),
        });
        return { id: actor.id, email: actor.email, name: actor.name, sessionVersion: actor.sessionVersion, sessionId: actor.sessionId };
      } catch (error) {
        // next-auth passes the message of an Error thrown here to the sign-in form.
        if (error instanceof AppError) throw new Error(error.message);
        logger().error({ err: error }, "sign-in failed unexpectedly");
        throw new Error("Sign-in is unavailable right now. Try again in a moment.");
      }
    },
  });
}

/**
 * Single sign-on with the configured OpenID provider: discovery from its issuer, the
 * authorization code flow with PKCE, state and nonce checked, the claims read from the ID token.
 */
function oidcProvider(e: Env): OAuthConfig<OidcClaims> {
  return {
    id: "oidc",
    name: e.PORTAL_OIDC_NAME,
    type: "oauth",
    wellKnown: `${e.PORTAL_OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.PORTAL_OIDC_CLIENT_ID,
    clientSecret: e.PORTAL_OIDC_CLIENT_SECRET,
    authorization: { params: { scope: e.PORTAL_OIDC_SCOPES } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile: (claims) => ({
      id: claims.sub,
      email: typeof claims.email === "string" ? claims.email : null,
      name: typeof claims.name === "string" ? claims.name : null,
    }),
  };
}
