import { apiRoute, queryOf } from "@/lib/api/route";
import { getDeliveryState } from "@/lib/executions/delivery-state";

export const GET = apiRoute("portal.read", async ({ ctx, request }) => getDeliveryState({ ctx, query: queryOf(request) }));
