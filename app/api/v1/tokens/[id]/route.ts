import { apiRoute } from "@/lib/api/route";
import { revokeToken } from "@/lib/tokens/revoke-token";

export const DELETE = apiRoute<{ id: string }>("tokens.manage", async ({ ctx, params }) => {
  await revokeToken({ ctx, id: params.id });
});
