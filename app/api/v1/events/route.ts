import { apiRoute, created, queryOf, readJson } from "@/lib/api/route";
import { createEvent } from "@/lib/events/create-event";
import { listEvents } from "@/lib/events/list-events";
import { createEventInput, MAX_EVENT_REQUEST_BYTES } from "@/lib/events/schemas";

// The verb parses the query itself: parsing it here too would hand it dates where it reads text.
export const GET = apiRoute("portal.read", async ({ ctx, request }) => listEvents({ ctx, query: queryOf(request) }));

export const POST = apiRoute("events.create", async ({ ctx, request }) =>
  created(await createEvent({ ctx, input: await readJson(request, createEventInput, MAX_EVENT_REQUEST_BYTES) })),
);
