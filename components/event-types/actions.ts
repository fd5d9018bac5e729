"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/api/action";
import { proposeEventTypeSchema } from "@/lib/event-types/propose-event-type-schema";
import type { EventTypeSettingsInput, SendExampleInput, UpdateEventTypeInput } from "@/lib/event-types/schemas";
import { updateEventTypeSettings } from "@/lib/event-types/settings";
import { updateEventType } from "@/lib/event-types/update-event-type";
import { sendExampleEvent } from "@/lib/executions/send-example-event";

export const updateEventTypeAction = serverAction(
  "integrations.manage",
  async (ctx, input: { name: string; changes: UpdateEventTypeInput }) => {
    const type = await updateEventType({ ctx, name: input.name, input: input.changes });
    revalidatePath("/event-types", "layout");
    return { type };
  },
);

export const proposeSchemaAction = serverAction("integrations.manage", async (ctx, input: { name: string }) => ({
  proposal: await proposeEventTypeSchema({ ctx, name: input.name }),
}));

export const updateEventTypeSettingsAction = serverAction("integrations.manage", async (ctx, input: EventTypeSettingsInput) => {
  const settings = await updateEventTypeSettings({ ctx, input });
  revalidatePath("/event-types");
  return { settings };
});

export const sendExampleAction = serverAction("integrations.manage", async (ctx, input: { name: string } & SendExampleInput) => ({
  attempt: await sendExampleEvent({ ctx, name: input.name, input: { integrationId: input.integrationId } }),
}));
