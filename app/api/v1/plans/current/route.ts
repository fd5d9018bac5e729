import { apiRoute } from "@/lib/api/route";
import { getPlanUsage } from "@/lib/workspaces/get-plan-usage";

export const GET = apiRoute("portal.read", async ({ ctx }) => getPlanUsage({ ctx }));
