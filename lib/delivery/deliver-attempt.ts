import { db, sql } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { recordDeliveryMetric } from "@/lib/metrics/registry";
import type { Attempt } from "@/lib/generated/prisma/client";
import { allowedHosts, extraCa, proxySettings } from "@/lib/webhook-settings";
import type { ReceiverTls } from "@/lib/webhooks/client-certificate";
import { redactDeliveryResult } from "@/lib/webhooks/redact";
import { deliver, type DeliveryResult } from "@/lib/webhooks/transport";

/** The User-Agent of every webhook request: names the portal and where it runs. */
export function portalUserAgent() {
  const { PORTAL_NAME, PORTAL_URL, PORT } = env();
  return `${PORTAL_NAME.replace(/[^\w.-]+/g, "-")}/1.0 (+${PORTAL_URL ?? `http://localhost:${PORT}`})`;
}

/** Where and how an attempt goes, secrets in clear: never recorded as such. */
export interface Outgoing {
  /** The URL in clear (the attempt records it masked where it carries a secret). */
  url: string;
  method: "POST" | "PUT";
  /** The recorded headers, but the bearer token and custom header values in clear. */
  headers: Record<string, string>;
  /** Secrets to mask in whatever the receiver sends back. */
  redact: string[];
  /** The receiver's client certificate and CA certificates, if it has any. */
  tls?: ReceiverTls;
}

/** What a request needs of the attempt it sends: its id, the body (stored on its message) and its timeout. */
export interface AttemptToSend {
  id: string;
  body: string;
  timeoutSeconds: number;
}

/**
 * Sends one request through lib/webhooks and returns its outcome with every secret the request
 * carried masked wherever the receiver echoed it (a Location, headers, the body). Never throws.
 */
export async function sendRequest(attempt: AttemptToSend, outgoing: Outgoing): Promise<DeliveryResult> {
  const sent = await deliver({
    url: outgoing.url,
    method: outgoing.method,
    headers: outgoing.headers,
    body: attempt.body,
    timeoutMs: attempt.timeoutSeconds * 1000,
    allowedHosts: allowedHosts(),
    ca: trustedCa(outgoing.tls?.ca),
    clientCertificate: outgoing.tls?.clientCertificate,
    proxy: proxySettings(),
  });
  const r = redactDeliveryResult(sent, outgoing.redact);
  if (r.errorClass === "internal_error")
    logger().error({ attemptId: attempt.id, errorMessage: r.errorMessage }, "delivery failed unexpectedly");
  return r;
}

/** PORTAL_WEBHOOK_CA_FILE's certificates and the receiver's own, trusted besides the system roots. */
function trustedCa(receiverCa: string | undefined): string | undefined {
  const portalCa = extraCa();
  if (receiverCa === undefined) return portalCa ?? undefined;
  return portalCa === null ? receiverCa : `${portalCa}\n${receiverCa}`;
}

/**
 * Sends a committed `pending` attempt (a send a person waits for) and records its outcome. Only
 * an attempt still pending is completed: one the recovery sweep has already marked interrupted
 * keeps that state. The returned row carries the body that was sent.
 */
export async function deliverAttempt(attempt: AttemptToSend, outgoing: Outgoing): Promise<Attempt> {
  const r = await sendRequest(attempt, outgoing);
  const updated = await recordOutcome(attempt.id, r).catch(async (error: unknown) => {
    // Receiver content is made storable before this point; should the write fail on it anyway,
    // the outcome is still recorded, without that content, rather than left pending.
    logger().error({ attemptId: attempt.id, err: error }, "recording the receiver's answer failed; recording the outcome without it");
    return recordOutcome(attempt.id, withoutAnswer(r));
  });
  const row = updated ?? (await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } }));
  reportDelivery(row, r.ok ? "success" : (r.errorClass ?? "http_error"), r.durationMs);
  return { ...row, requestBody: row.requestBody ?? attempt.body };
}

/** An outcome without the receiver's content, for when that content could not be stored. */
export function withoutAnswer(r: DeliveryResult): DeliveryResult {
  return { ...r, headers: null, body: null, bodyBinary: false, errorMessage: r.ok ? null : "The receiver's answer could not be recorded." };
}

/**
 * One log line and one metric per finished delivery: ids, kind, outcome class, status and
 * duration — never the URL's credentials, headers or bodies. `traceIds`: those of the send's span
 * when the line is written after it ended (a worker writes outcomes in batches); otherwise the
 * active span's are added by the logger.
 */
export function reportDelivery(
  a: Pick<Attempt, "id" | "integrationId" | "integrationName" | "kind" | "status" | "responseStatus" | "subscriptionId">,
  outcome: string,
  durationMs: number | null,
  traceIds: { trace_id?: string; span_id?: string } = {},
) {
  recordDeliveryMetric({ integrationId: a.integrationId, integrationName: a.integrationName, kind: a.kind, outcome, durationMs });
  const line = {
    attemptId: a.id,
    integrationId: a.integrationId,
    subscriptionId: a.subscriptionId,
    kind: a.kind,
    status: a.status,
    outcome,
    responseStatus: a.responseStatus,
    durationMs: durationMs === null ? null : Math.round(durationMs),
    ...traceIds,
  };
  logger()[outcome === "success" ? "info" : "warn"](line, "delivery");
}

async function recordOutcome(attemptId: string, r: DeliveryResult): Promise<Attempt | undefined> {
  const [updated] = await sql<Attempt>`
    UPDATE "Attempt" SET
      "status" = ${r.ok ? "succeeded" : "failed"},
      "responseStatus" = ${r.status},
      "responseHeaders" = ${r.headers ? JSON.stringify(r.headers) : null}::jsonb,
      "responseBody" = ${r.body},
      "responseBodyBinary" = ${r.bodyBinary},
      "responseBodyBytes" = ${r.bodyBytes},
      "responseTruncated" = ${r.truncated},
      "errorClass" = ${r.errorClass},
      "errorMessage" = ${r.errorMessage},
      "durationMs" = ${Math.round(r.durationMs)},
      "finishedAt" = ${new Date()}
    WHERE "id" = ${attemptId}::uuid AND "status" = 'pending'
    RETURNING *`;
  return updated;
}
