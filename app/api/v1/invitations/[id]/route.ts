import { apiRoute } from "@/lib/api/route";
import { revokeInvitation } from "@/lib/members/revoke-invitation";

export const DELETE = apiRoute<{ id: string }>("users.manage", async ({ ctx, params }) => {
  await revokeInvitation({ ctx, id: params.id });
});
