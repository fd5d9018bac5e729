import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { endSession } from "./end-sessions";
import { clientAddress } from "./origin";
import { signInWithPassword } from "./sign-in";

/**
 * next-auth with email + password. Sessions are signed JWT cookies whose token expires (`exp`)
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
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
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
      }),
    ],
    callbacks: {
      jwt: ({ token, user }) => {
        if (!user) return token;
        const { sessionVersion, sessionId } = user as { sessionVersion?: number; sessionId?: string };
        return { ...token, sub: user.id, sv: sessionVersion ?? 0, sid: sessionId, signedInAt: Date.now() };
      },
      session: ({ session, token }) => ({ ...session, userId: token.sub, sessionVersion: token.sv, sessionId: token.sid, signedInAt: token.signedInAt }),
    },
    events: {
      // Signing out ends the session on the server too, not only the cookie in this browser.
      signOut: async ({ token }) => {
        await endSession(String(token?.sid ?? ""));
      },
    },
  };
}
