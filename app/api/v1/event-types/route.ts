import { apiRoute, created, readJson } from "@/lib/api/route";
import { declareEventType } from "@/lib/event-types/declare-event-type";
import { listEventTypes } from "@/lib/event-types/list-event-types";
import { declareEventTypeInput } from "@/lib/event-types/schemas";

export const GET = apiRoute("portal.read", async ({ ctx }) => listEventTypes({ ctx }));

export const POST = apiRoute("integrations.manage", async ({ ctx, request }) =>
  created(await declareEventType({ ctx, input: await readJson(request, declareEventTypeInput) })),
);
