import { apiRoute } from "@/lib/api/route";
import { listConnectorTypes } from "@/lib/integrations/list-connector-types";

export const GET = apiRoute("portal.read", async ({ ctx }) => listConnectorTypes({ ctx }));
