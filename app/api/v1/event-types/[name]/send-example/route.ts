import { apiRoute, created, readJson } from "@/lib/api/route";
import { sendExampleInput } from "@/lib/event-types/schemas";
import { sendExampleEvent } from "@/lib/executions/send-example-event";

export const POST = apiRoute<{ name: string }>("integrations.manage", async ({ ctx, request, params }) =>
  created(await sendExampleEvent({ ctx, name: params.name, input: await readJson(request, sendExampleInput) })),
);
