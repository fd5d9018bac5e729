import { apiRoute, readJson } from "@/lib/api/route";
import { getEventType } from "@/lib/event-types/get-event-type";
import { updateEventTypeInput } from "@/lib/event-types/schemas";
import { updateEventType } from "@/lib/event-types/update-event-type";

export const GET = apiRoute<{ name: string }>("portal.read", async ({ ctx, params }) => getEventType({ ctx, name: params.name }));

export const PATCH = apiRoute<{ name: string }>("integrations.manage", async ({ ctx, request, params }) =>
  updateEventType({ ctx, name: params.name, input: await readJson(request, updateEventTypeInput) }),
);
