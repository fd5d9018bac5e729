import { z } from "zod";
import { TRANSFORM_LIMITS } from "@/lib/webhooks/transform/limits";

/** A starting point shown in an empty editor: changes nothing, says what can be changed. */
export const TRANSFORMATION_TEMPLATE = `/**
 * webhook: { eventType, payload, url, method, headers }
 * Change it and return it, or set webhook.cancel = true to send nothing.
 */
function handler(webhook) {
  return webhook;
}
`;

export const transformationCode = z
  .string({ error: "Enter the code" })
  .max(TRANSFORM_LIMITS.codeChars, `Use at most ${TRANSFORM_LIMITS.codeChars} characters`)
  .refine((code) => code.trim() !== "", "Enter the code")
  .refine((code) => /\bhandler\b/.test(code), "Define function handler(webhook) { … }");

export const saveTransformationInput = z.object({ code: transformationCode });
export type SaveTransformationInput = z.infer<typeof saveTransformationInput>;

export const restoreTransformationInput = z.object({
  version: z.coerce.number({ error: "Choose a version" }).int("Choose a version").min(1, "Choose a version"),
});
export type RestoreTransformationInput = z.infer<typeof restoreTransformationInput>;

/**
 * Trying code (the editor's, or the saved one when `code` is left out) on a past event, on an event
 * type's example, or on the integration's test message when neither is given.
 */
export const testTransformationInput = z
  .object({
    code: transformationCode.optional(),
    eventId: z.uuid({ error: "Choose an event" }).optional(),
    /** An event type whose latest example (its details, kept by the catalog) stands in for an event. */
    exampleOf: z.string().trim().min(1, "Choose an event type").max(200, "Use at most 200 characters").optional(),
  })
  .refine((t) => !(t.eventId && t.exampleOf), { path: ["exampleOf"], message: "Choose an event or an event type's example, not both" });
export type TestTransformationInput = z.infer<typeof testTransformationInput>;
