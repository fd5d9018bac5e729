import { apiRoute } from "@/lib/api/route";
import { resetPassword } from "@/lib/users/reset-password";

export const POST = apiRoute<{ id: string }>("users.manage", async ({ ctx, params }) => resetPassword({ ctx, id: params.id }));
