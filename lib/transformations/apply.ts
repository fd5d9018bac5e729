import { allowedHosts } from "@/lib/webhook-settings";
import { transformRequest, type TransformOutcome } from "@/lib/webhooks/transform";

/** A saved transformation version: its id names its compiled context. */
export interface TransformationCode {
  id: string;
  code: string;
}

/** A request as the connector type built it, about to be transformed. */
export interface BuiltRequest {
  eventType: string | null;
  body: string;
  /** As recorded and shown: masked where it carries a secret (the function never sees a secret). */
  shownUrl: string;
  method: "POST" | "PUT";
}

/**
 * Runs a transformation on a request built for sending, with the portal's address policy. `resolve`
 * checks a changed URL's host with DNS now (a person is waiting and should hear it); automatic
 * deliveries leave that to the transport, which checks every address when it connects.
 */
export function applyTransformation(
  transformation: TransformationCode,
  request: BuiltRequest,
  { resolve = false }: { resolve?: boolean } = {},
): Promise<TransformOutcome> {
  return transformRequest({
    key: transformation.id,
    code: transformation.code,
    request: {
      eventType: request.eventType,
      body: request.body,
      url: request.shownUrl,
      method: request.method,
      headers: request.body === "" ? {} : { "content-type": "application/json" },
    },
    allowedHosts: allowedHosts(),
    resolve,
  });
}
