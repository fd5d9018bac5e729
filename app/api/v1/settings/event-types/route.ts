import { apiRoute, readJson } from "@/lib/api/route";
import { eventTypeSettingsInput } from "@/lib/event-types/schemas";
import { getEventTypeSettings, updateEventTypeSettings } from "@/lib/event-types/settings";

export const GET = apiRoute("portal.read", async ({ ctx }) => getEventTypeSettings({ ctx }));

export const PUT = apiRoute("integrations.manage", async ({ ctx, request }) =>
  updateEventTypeSettings({ ctx, input: await readJson(request, eventTypeSettingsInput) }),
);
