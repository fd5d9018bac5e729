import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clientAddress } from "./origin";
import { signInWithPassword } from "./sign-in";

/**
 * next-auth with email + password. Sessions are signed JWT cookies that expire after
 * PORTAL_SESSION_HOURS; the user behind one is loaded from the database on every request
 * (lib/auth/session.ts), so a deactivated user's session stops working at once.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: env().PORTAL_AUTH_SECRET,
    session: { strategy: "jwt", maxAge: env().PORTAL_SESSION_HOURS * 3600 },
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
            return { id: actor.id, email: actor.email, name: actor.name };
          } catch (error) {
            // next-auth passes the message of an Error thrown here to the sign-in form.
            if (error instanceof AppError) throw new Error(error.message);
            console.error("Sign-in failed unexpectedly:", error);
            throw new Error("Sign-in is unavailable right now. Try again in a moment.");
          }
        },
      }),
    ],
    callbacks: {
      jwt: ({ token, user }) => (user ? { ...token, sub: user.id } : token),
      session: ({ session, token }) => ({ ...session, userId: token.sub }),
    },
  };
}
