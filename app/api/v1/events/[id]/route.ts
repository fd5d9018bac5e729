import { apiRoute } from "@/lib/api/route";
import { getEvent } from "@/lib/events/get-event";

export const GET = apiRoute<{ id: string }>("portal.read", async ({ ctx, params }) => getEvent({ ctx, id: params.id }));
