import { apiRoute, created, readJson, readQuery } from "@/lib/api/route";
import { createEvent } from "@/lib/events/create-event";
import { listEvents } from "@/lib/events/list-events";
import { createEventInput, listEventsQuery, MAX_EVENT_REQUEST_BYTES } from "@/lib/events/schemas";

export const GET = apiRoute("portal.read", async ({ ctx, request }) => listEvents({ ctx, query: readQuery(request, listEventsQuery) }));

export const POST = apiRoute("events.create", async ({ ctx, request }) =>
  created(await createEvent({ ctx, input: await readJson(request, createEventInput, MAX_EVENT_REQUEST_BYTES) })),
);
