import { apiRoute } from "@/lib/api/route";
import { proposeEventTypeSchema } from "@/lib/event-types/propose-event-type-schema";

export const GET = apiRoute<{ name: string }>("integrations.manage", async ({ ctx, params }) =>
  proposeEventTypeSchema({ ctx, name: params.name }),
);
