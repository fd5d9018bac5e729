import { authorize, type Ctx } from "@/lib/auth/context";
import { getEvent } from "@/lib/events/get-event";
import { assertId } from "@/lib/ids";
import { messageBody } from "@/lib/delivery/message-body";
import { portalUserAgent } from "@/lib/delivery/deliver-attempt";
import { loadEnabledTarget } from "./internal/load-target";
import { buildRequestHeaders } from "@/lib/delivery/request-headers";
import { triggerInput, type TriggerInput } from "./schemas";
import { requestOverridesOf, withOverrides } from "@/lib/delivery/transformed-request";
import { transformForSend } from "@/lib/transformations/transform-for-send";

export interface PreviewHeader {
  name: string;
  /** Empty for a header computed only when the request leaves (see `note`). */
  value: string;
  note?: string;
}

export interface TriggerPreview {
  method: "POST" | "PUT";
  url: string;
  headers: PreviewHeader[];
  /** The body as sent, but for the envelope's timestamp, which `bodyNote` explains. */
  body: string;
  bodyNote?: string;
  contentType: string | null;
  /** Set when the integration's transformation would cancel the message or fails on it: nothing would be sent. */
  transformation?: { outcome: "cancelled" | "failed"; message: string };
}

/** The signature headers (of every style): a new message id, the moment of sending and its signature. */
const COMPUTED_AT_SEND_TIME = new Set([
  "webhook-id",
  "webhook-timestamp",
  "webhook-signature",
  "x-webhook-id",
  "x-webhook-timestamp",
  "x-webhook-signature",
  "x-github-delivery",
  "x-hub-signature-256",
]);
/** Formats whose body carries the moment of sending. */
const TIMESTAMPED = new Set(["standard", "zapier"]);
const PLACEHOLDER_MESSAGE_ID = "msg_preview";

/**
 * What `triggerIntegration` would send, without sending it: built with the same message and
 * header builders (the integration's connector format), the bearer token, custom header values
 * and a secret URL masked. It refuses what a trigger refuses (no permission, a
 * missing or disabled webhook, an unknown event), so a preview that loads can be sent.
 */
export async function previewTrigger({
  ctx,
  integrationId,
  input,
}: {
  ctx: Ctx;
  integrationId: string;
  input: TriggerInput;
}): Promise<TriggerPreview> {
  authorize(ctx, "integrations.trigger");
  const request = triggerInput.parse(input);
  const target = await loadEnabledTarget(assertId(integrationId, "Integration"));
  const event = request.mode === "event" ? await getEvent({ ctx, id: request.eventId }) : null;

  const now = new Date();
  const base = { integration: target.integration, triggeredBy: ctx.actor, now };
  const built = messageBody(
    target.connectorType,
    event ? { ...base, kind: "event", event } : { ...base, kind: "default", emptyObject: target.config.defaultModeBody === "empty-object" },
  );
  const prepared = await transformForSend(target, { eventType: event?.type ?? null, body: built });
  const { body } = prepared;
  const outgoing = withOverrides(target, requestOverridesOf(prepared.request));
  const { recordedHeaders } = buildRequestHeaders({
    messageId: PLACEHOLDER_MESSAGE_ID,
    body,
    secrets: target.secrets,
    bearerToken: target.bearerToken,
    userAgent: portalUserAgent(),
    now,
    signatureStyle: target.signatureStyle,
    customHeaders: target.customHeaders,
    transformedHeaders: outgoing.transformedHeaders,
  });
  return {
    method: outgoing.method,
    url: outgoing.shownUrl,
    headers: Object.entries(recordedHeaders).map(([name, value]) =>
      COMPUTED_AT_SEND_TIME.has(name) ? { name, value: "", note: "Computed at send time" } : { name, value },
    ),
    body,
    ...(TIMESTAMPED.has(target.connectorType) && body !== "" && { bodyNote: "The timestamp is set at send time." }),
    contentType: recordedHeaders["content-type"] ?? null,
    ...(prepared.unsent && {
      transformation: { outcome: prepared.unsent.status === "skipped" ? "cancelled" : "failed", message: prepared.unsent.errorMessage },
    }),
  };
}
