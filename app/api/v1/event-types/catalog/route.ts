import { apiRouteOrPublic } from "@/lib/api/route";
import { getEventTypeCatalog, readPublicCatalog } from "@/lib/event-types/get-catalog";

export const GET = apiRouteOrPublic("portal.read", async ({ ctx }) => getEventTypeCatalog({ ctx }), readPublicCatalog);
