import { apiRoute } from "@/lib/api/route";
import { resetTwoFactor } from "@/lib/users/two-factor";

export const POST = apiRoute<{ id: string }>("users.manage", async ({ ctx, params }) => {
  await resetTwoFactor({ ctx, id: params.id });
});
