import { z } from "zod";
import { eventType } from "@/lib/events/schemas";
import { text } from "@/lib/validation";

export const declareEventTypeInput = z
  .object({
    name: eventType,
    description: text().trim().max(500, "Use at most 500 characters").default(""),
  })
  .strict();
export type DeclareEventTypeInput = z.input<typeof declareEventTypeInput>;

export const eventTypeView = z.object({
  name: z.string(),
  description: z.string(),
  declared: z.boolean().describe("Declared by an admin (rather than only seen at ingestion)"),
  seenCount: z.number().int().describe("How many events of this type were ingested"),
  lastSeenAt: z.date().nullable(),
  example: z.record(z.string(), z.json()).nullable().describe("The details of the latest event of this type"),
});
export type EventTypeView = z.infer<typeof eventTypeView>;
