import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute("portal.read", async ({ ctx }) => ({ ...ctx.actor, authenticatedWith: ctx.via }));
