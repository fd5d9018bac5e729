import { authorize, type Ctx } from "@/lib/auth/context";
import { getEvent } from "@/lib/events/get-event";
import { assertId } from "@/lib/ids";
import { buildEventEnvelope, EMPTY_BODY } from "@/lib/webhooks/payload";
import { portalUserAgent } from "@/lib/delivery/deliver-attempt";
import { loadEnabledTarget } from "./internal/load-target";
import { buildRequestHeaders } from "@/lib/delivery/request-headers";
import { triggerInput, type TriggerInput } from "./schemas";

export interface PreviewHeader {
  name: string;
  /** Empty for a header computed only when the request leaves (see `note`). */
  value: string;
  note?: string;
}

export interface TriggerPreview {
  method: "POST";
  url: string;
  headers: PreviewHeader[];
  /** The body as sent, but for the envelope's timestamp, which `bodyNote` explains. */
  body: string;
  bodyNote?: string;
  contentType: string | null;
}

/** The Standard Webhooks headers: a new message id, the moment of sending and its signature. */
const COMPUTED_AT_SEND_TIME = new Set(["webhook-id", "webhook-timestamp", "webhook-signature"]);
const PLACEHOLDER_MESSAGE_ID = "msg_preview";

/**
 * What `triggerIntegration` would send, without sending it: built with the same envelope and
 * header builders, the bearer token masked. It refuses what a trigger refuses (no permission, a
 * missing or disabled webhook, an unknown event), so a preview that loads can be sent.
 */
export async function previewTrigger({ ctx, integrationId, input }: { ctx: Ctx; integrationId: string; input: TriggerInput }): Promise<TriggerPreview> {
  authorize(ctx, "integrations.trigger");
  const request = triggerInput.parse(input);
  const target = await loadEnabledTarget(assertId(integrationId, "Integration"));
  const event = request.mode === "event" ? await getEvent({ ctx, id: request.eventId }) : null;

  const now = new Date();
  const body = event ? buildEventEnvelope({ event, triggeredBy: ctx.actor, now }) : EMPTY_BODY;
  const { recordedHeaders } = buildRequestHeaders({
    messageId: PLACEHOLDER_MESSAGE_ID,
    body,
    secrets: target.secrets,
    bearerToken: target.bearerToken,
    userAgent: portalUserAgent(),
    now,
  });
  return {
    method: "POST",
    url: target.url,
    headers: Object.entries(recordedHeaders).map(([name, value]) =>
      COMPUTED_AT_SEND_TIME.has(name) ? { name, value: "", note: "Computed at send time" } : { name, value },
    ),
    body,
    ...(event && { bodyNote: "The timestamp is set at send time." }),
    contentType: recordedHeaders["content-type"] ?? null,
  };
}
