import { apiRoute } from "@/lib/api/route";
import { enableSubscription } from "@/lib/subscriptions/enable-subscription";

export const POST = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, params }) => enableSubscription({ ctx, id: params.id }));
