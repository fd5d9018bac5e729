import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute("portal.read", async ({ ctx }) => ({
  ...ctx.actor,
  authenticatedWith: ctx.via,
  token: ctx.token
    ? { id: ctx.token.id, name: ctx.token.name, prefix: ctx.token.prefix, scopes: ctx.token.scopes, expiresAt: ctx.token.expiresAt }
    : null,
}));
