import type { Ctx } from "@/lib/auth/context";
import type { Tx } from "@/lib/db";
import type { Message } from "@/lib/generated/prisma/client";
import type { WebhookForDelivery } from "@/lib/integrations/delivery";
import type { AttemptKind } from "./schemas";

/**
 * Records a `pending` attempt of a message, inside the caller's transaction (which also writes
 * its audit row). Committing it before the request leaves is what makes a hang or a crash
 * mid-send visible later as an interrupted attempt instead of a lost one.
 */
export function startAttempt(tx: Tx, ctx: Ctx, input: {
  message: Pick<Message, "id" | "integrationId" | "integrationName" | "mode" | "eventId" | "body">;
  kind: AttemptKind;
  retryOfId?: string;
  target: Pick<WebhookForDelivery, "url" | "timeoutSeconds">;
  recordedHeaders: Record<string, string>;
  now: Date;
}) {
  const { message, target } = input;
  return tx.attempt.create({
    data: {
      messageId: message.id,
      integrationId: message.integrationId,
      integrationName: message.integrationName,
      mode: message.mode,
      eventId: message.eventId,
      kind: input.kind,
      retryOfId: input.retryOfId,
      triggeredById: ctx.actor.id,
      triggeredByEmail: ctx.actor.email,
      status: "pending",
      timeoutSeconds: target.timeoutSeconds,
      requestUrl: target.url,
      requestHeaders: input.recordedHeaders,
      requestBody: message.body,
      startedAt: input.now,
    },
  });
}
