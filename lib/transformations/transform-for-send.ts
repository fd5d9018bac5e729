import type { RequestOverrides, TransformFailure } from "@/lib/webhooks/transform";
import { CANCELLED_MESSAGE, describeFailure } from "@/lib/webhooks/transform";
import { storedOverrides, UNTRANSFORMED } from "@/lib/delivery/transformed-request";
import { applyTransformation, type TransformationCode } from "./apply";
import { loadTransformationCode } from "./internal/load-code";

/** A message about to be sent by hand, after its integration's transformation. */
export interface PreparedMessage {
  body: string;
  /** What the transformation changed besides the body, kept with the message (or that it failed or cancelled it). */
  request: RequestOverrides | typeof UNTRANSFORMED | null;
  /** Set when nothing is to be sent: the attempt is recorded finished with this outcome. */
  unsent?: { status: "skipped" | "failed"; errorClass: string; errorMessage: string };
  failure?: TransformFailure;
}

/**
 * Applies the integration's transformation (if any) to a message a person sends (trigger, test
 * send) or previews: the same function, limits and checks as automatic deliveries, and a changed
 * URL's host resolved now so the person hears of a refused address at once.
 */
export async function transformForSend(
  target: { transformationId: string | null; shownUrl: string; method: "POST" | "PUT" },
  built: { eventType: string | null; body: string },
  code?: TransformationCode | null,
): Promise<PreparedMessage> {
  const transformation = code ?? (await loadTransformationCode(target.transformationId));
  if (!transformation) return { body: built.body, request: null };
  const outcome = await applyTransformation(
    transformation,
    { eventType: built.eventType, body: built.body, shownUrl: target.shownUrl, method: target.method },
    { resolve: true },
  );
  switch (outcome.kind) {
    case "transformed":
      return { body: outcome.body, request: storedOverrides(outcome.overrides) };
    case "cancelled":
      return {
        body: built.body,
        request: UNTRANSFORMED,
        unsent: { status: "skipped", errorClass: "transform_cancelled", errorMessage: CANCELLED_MESSAGE },
      };
    case "failed":
      return {
        body: built.body,
        request: UNTRANSFORMED,
        failure: outcome.error,
        unsent: { status: "failed", errorClass: "transform_error", errorMessage: describeFailure(outcome.error) },
      };
  }
}
