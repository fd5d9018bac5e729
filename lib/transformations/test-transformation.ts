import { createHash } from "node:crypto";
import { authorize, type Ctx } from "@/lib/auth/context";
import { getEvent } from "@/lib/events/get-event";
import { invalid, notFound } from "@/lib/errors";
import type { EventView } from "@/lib/events/schemas";
import { db } from "@/lib/db";
import { portalUserAgent } from "@/lib/delivery/deliver-attempt";
import { messageBody } from "@/lib/delivery/message-body";
import { buildRequestHeaders } from "@/lib/delivery/request-headers";
import { requestOverridesOf, withOverrides } from "@/lib/delivery/transformed-request";
import { getWebhookForDelivery } from "@/lib/integrations/internal/webhook-for-delivery";
import { newMessageId } from "@/lib/webhooks/signing";
import type { TransformFailure } from "@/lib/webhooks/transform";
import { loadTransformationCode } from "./internal/load-code";
import { readOwner, type TransformationOwner } from "./scope";
import { testTransformationInput, type TestTransformationInput } from "./schemas";
import { transformForSend } from "./transform-for-send";

export interface TransformationTestResult {
  /** transformed: `request` is what would leave; cancelled: nothing would; failed: `error` says why. */
  outcome: "transformed" | "cancelled" | "failed";
  /** The body the connector type built, before the transformation. */
  originalBody: string;
  /** The exact request, signed now with the webhook's secrets (bearer token and custom header values masked). */
  request: { method: "POST" | "PUT"; url: string; headers: { name: string; value: string }[]; body: string } | null;
  error: (TransformFailure & { summary: string }) | null;
  /** What the function received the event as. */
  eventType: string | null;
}

/**
 * Runs a transformation (the code given, or the saved one of the integration or subscription) on a
 * past event, or on the integration's test message when no event is given, and returns the request it would produce:
 * nothing is sent or recorded. Admins only, as saving is.
 */
export async function testTransformation({
  ctx,
  input,
  ...owner
}: { ctx: Ctx; input: TestTransformationInput } & TransformationOwner): Promise<TransformationTestResult> {
  authorize(ctx, "integrations.manage");
  const request = testTransformationInput.parse(input);
  const resolved = await readOwner(db, owner as TransformationOwner);
  const target = await getWebhookForDelivery(resolved.integrationId);
  // Without code: the owner's saved one (a subscription without its own: the integration's, as a delivery would).
  const code = request.code
    ? { id: `draft:${createHash("sha256").update(request.code).digest("base64url")}`, code: request.code }
    : await loadTransformationCode(resolved.transformationId ?? target.transformationId);
  if (!code) throw invalid("There is no transformation to test: enter some code.", { code: ["Enter the code"] });
  const event = request.eventId
    ? await getEvent({ ctx, id: request.eventId })
    : request.exampleOf
      ? await exampleEvent(request.exampleOf)
      : null;

  const now = new Date();
  const base = { integration: target.integration, triggeredBy: ctx.actor, now };
  // The integration's test message names its workspace, as a test send does (lib/executions/send-test-webhook.ts).
  const workspace = ctx.workspace ? { name: ctx.workspace.name, slug: ctx.workspace.slug } : undefined;
  const originalBody = messageBody(target.connectorType, event ? { ...base, kind: "event", event } : { ...base, kind: "test", workspace });
  const prepared = await transformForSend(target, { eventType: event?.type ?? null, body: originalBody }, code);
  const common = { originalBody, eventType: event?.type ?? null };
  if (prepared.unsent?.status === "skipped") return { ...common, outcome: "cancelled", request: null, error: null };
  if (prepared.failure)
    return { ...common, outcome: "failed", request: null, error: { ...prepared.failure, summary: prepared.unsent!.errorMessage } };

  const outgoing = withOverrides(target, requestOverridesOf(prepared.request));
  const { recordedHeaders } = buildRequestHeaders({
    messageId: newMessageId(),
    body: prepared.body,
    secrets: outgoing.secrets,
    bearerToken: outgoing.bearerToken,
    userAgent: portalUserAgent(),
    now,
    signatureStyle: outgoing.signatureStyle,
    customHeaders: outgoing.customHeaders,
    transformedHeaders: outgoing.transformedHeaders,
  });
  return {
    ...common,
    outcome: "transformed",
    request: {
      method: outgoing.method,
      url: outgoing.shownUrl,
      headers: Object.entries(recordedHeaders).map(([name, value]) => ({ name, value })),
      body: prepared.body,
    },
    error: null,
  };
}

/** An event made from a type's example in the catalog (the details of its latest event), to try code on before one arrives. */
async function exampleEvent(type: string): Promise<EventView> {
  const row = await db.eventType.findFirst({ where: { name: type }, select: { name: true, example: true } });
  if (!row) throw notFound(`The event type “${type}”`);
  const now = new Date();
  return {
    id: "00000000-0000-7000-8000-000000000000",
    type: row.name,
    title: `Example of ${row.name}`,
    severity: "info",
    source: "example",
    details: (row.example ?? {}) as EventView["details"],
    occurredAt: now,
    createdAt: now,
  };
}
