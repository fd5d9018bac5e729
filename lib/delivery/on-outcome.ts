import { recordAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db";
import type { Attempt } from "@/lib/generated/prisma/client";
import { uuidv7 } from "@/lib/ids";
import { deliveryJob, enqueueInTransaction, QUEUES, wakeWorkersAt } from "@/lib/jobs/queue";
import { alertSubscriptionDisabled } from "./alerts";
import { isPortalSideFailure, isRetryable, parseRetryAfter, retryDelaySeconds } from "@/lib/webhooks/retry-policy";

export type PolicyEffect =
  | { kind: "none" }
  | { kind: "reset" }
  | { kind: "retry_scheduled"; retryNumber: number; dueAt: Date }
  | { kind: "counted"; consecutiveFailures: number }
  | { kind: "not_counted" }
  | { kind: "disabled"; reason: string };

interface PolicyRow {
  id: string;
  workspaceId: string;
  integrationId: string;
  integrationName: string;
  enabled: boolean;
  retrySchedule: number[];
  retryJitter: boolean;
  disableAfterFailures: number;
  consecutiveFailures: number;
}

/**
 * Applies a subscription's delivery policy to the outcome of one of its automatic attempts, in
 * one transaction with the subscription's row locked, once per attempt (a worker applies the
 * common case, a success, in the statement that records it: see lib/delivery/outcomes.ts):
 * - a success resets the count of failures in a row;
 * - 410 Gone disables the subscription at once;
 * - a retryable failure with retries left schedules the next one (same message, so the same
 *   webhook-id and body), honouring Retry-After up to the schedule's longest delay;
 * - any other failure ends the chain: it counts once towards the threshold, and reaching it
 *   disables the subscription, audited as done by the portal — unless it is the portal's own
 *   (interrupted by a crash or an outage, a request the portal could not send: see
 *   isPortalSideFailure), which never counts against the receiver.
 */
export async function applyDeliveryPolicy(
  attempt: Pick<Attempt, "id" | "kind" | "subscriptionId"> & { status?: string },
  now: Date = new Date(),
): Promise<PolicyEffect> {
  if (attempt.kind !== "automatic" || !attempt.subscriptionId) return { kind: "none" };
  const effect = await applyInTransaction(attempt as Pick<Attempt, "id"> & { subscriptionId: string }, now);
  if (effect.kind === "retry_scheduled") wakeWorkersAt(effect.dueAt);
  return effect;
}

function applyInTransaction(attempt: Pick<Attempt, "id"> & { subscriptionId: string }, now: Date): Promise<PolicyEffect> {
  return db.$transaction(async (tx) => {
    const [sub] = await tx.$queryRaw<PolicyRow[]>`
      SELECT s."id", i."workspaceId", s."integrationId", i."name" AS "integrationName", s."enabled", s."retrySchedule", s."retryJitter",
        s."disableAfterFailures", s."consecutiveFailures"
      FROM "Subscription" s JOIN "Integration" i ON i."id" = s."integrationId"
      WHERE s."id" = ${attempt.subscriptionId}::uuid FOR UPDATE OF s`;
    // Once per attempt: whoever marks it first applies the policy (the worker or the interrupted
    // sweep). The row is locked here and marked once the policy is applied, in one write with the
    // retry it scheduled: the outcome's row is not rewritten twice for its bookkeeping.
    const [a] = await tx.$queryRaw<Attempt[]>`
      SELECT * FROM "Attempt"
      WHERE "id" = ${attempt.id}::uuid AND "policyAppliedAt" IS NULL AND "status" IN ('succeeded', 'failed', 'interrupted')
      FOR UPDATE`;
    if (!a) return { kind: "none" };
    const effect: PolicyEffect = sub ? await applyPolicy(tx, sub, a, now) : { kind: "none" };
    const nextRetryAt = effect.kind === "retry_scheduled" ? effect.dueAt : null;
    await tx.$executeRaw`
      UPDATE "Attempt" SET "policyAppliedAt" = ${now}, "nextRetryAt" = COALESCE(${nextRetryAt}::timestamp, "nextRetryAt")
      WHERE "id" = ${a.id}::uuid`;
    return effect;
  });
}

/** The policy's decision for one finished attempt and what it changes beside the attempt's own row. */
async function applyPolicy(tx: Tx, sub: PolicyRow, a: Attempt, now: Date): Promise<PolicyEffect> {
  if (a.status === "succeeded") {
    if (sub.consecutiveFailures === 0) return { kind: "none" };
    await tx.$executeRaw`UPDATE "Subscription" SET "consecutiveFailures" = 0, "lastError" = NULL WHERE "id" = ${sub.id}::uuid`;
    return { kind: "reset" };
  }

  const lastError = describeFailure(a);
  if (a.responseStatus === 410) {
    return disable(
      tx,
      sub,
      `The receiver answered 410 Gone: it asks not to be sent these events any more.`,
      lastError,
      sub.consecutiveFailures + 1,
      now,
    );
  }
  if (sub.enabled && isRetryable(a)) {
    const retryNumber = a.retryNumber + 1;
    const headers = (a.responseHeaders ?? {}) as Record<string, string>;
    const delay = retryDelaySeconds({
      schedule: sub.retrySchedule,
      jitter: sub.retryJitter,
      retryNumber,
      retryAfterSeconds: parseRetryAfter(headers["retry-after"], now),
    });
    if (delay !== null) {
      const dueAt = new Date(now.getTime() + delay * 1000);
      await scheduleRetry(tx, a, retryNumber, dueAt, now);
      return { kind: "retry_scheduled", retryNumber, dueAt };
    }
  }
  if (isPortalSideFailure(a)) return { kind: "not_counted" };
  const failures = sub.consecutiveFailures + 1;
  if (sub.enabled && failures >= sub.disableAfterFailures) {
    return disable(
      tx,
      sub,
      `${failures} automatic ${failures === 1 ? "delivery" : "deliveries"} in a row failed.`,
      lastError,
      failures,
      now,
    );
  }
  await tx.$executeRaw`UPDATE "Subscription" SET "consecutiveFailures" = ${failures}, "lastError" = ${lastError} WHERE "id" = ${sub.id}::uuid`;
  return { kind: "counted", consecutiveFailures: failures };
}

async function scheduleRetry(tx: Tx, failed: Attempt, retryNumber: number, dueAt: Date, now: Date) {
  const id = uuidv7(now.getTime());
  await tx.$executeRaw`
    INSERT INTO "Attempt" ("id", "workspaceId", "messageId", "integrationId", "integrationName", "mode", "eventId", "kind", "subscriptionId",
      "retryOfId", "retryNumber", "status", "timeoutSeconds", "requestMethod", "requestUrl", "requestHeaders", "startedAt", "dueAt", "requestId")
    VALUES (${id}::uuid, ${failed.workspaceId}::uuid, ${failed.messageId}, ${failed.integrationId}::uuid, ${failed.integrationName}, ${failed.mode}, ${failed.eventId}::uuid,
      'automatic', ${failed.subscriptionId}::uuid, ${failed.id}::uuid, ${retryNumber}, 'scheduled', ${failed.timeoutSeconds}, 'POST',
      ${failed.requestUrl}, '{}'::jsonb, ${now}, ${dueAt}, ${failed.requestId})`;
  await enqueueInTransaction(tx, QUEUES.delivery, [
    deliveryJob({ attemptId: id, integrationId: failed.integrationId!, timeoutSeconds: failed.timeoutSeconds, startAfter: dueAt }),
  ]);
}

async function disable(tx: Tx, sub: PolicyRow, reason: string, lastError: string, failures: number, now: Date): Promise<PolicyEffect> {
  await tx.$executeRaw`
    UPDATE "Subscription" SET "enabled" = false, "disabledReason" = ${reason}, "disabledAt" = ${now}, "lastError" = ${lastError},
      "consecutiveFailures" = ${failures}
    WHERE "id" = ${sub.id}::uuid`;
  await recordAudit(
    tx,
    { actor: null, userAgent: "delivery policy", workspaceId: sub.workspaceId },
    {
      action: "subscription.auto_disabled",
      target: { type: "integration", id: sub.integrationId, label: sub.integrationName },
      before: { subscriptionId: sub.id, enabled: sub.enabled },
      after: { subscriptionId: sub.id, enabled: false, reason, lastError },
    },
  );
  if (sub.enabled)
    await alertSubscriptionDisabled(
      tx,
      { integrationId: sub.integrationId, integrationName: sub.integrationName, subscriptionId: sub.id, reason, lastError },
      now,
    );
  return { kind: "disabled", reason };
}

function describeFailure(a: Attempt): string {
  const what = a.responseStatus !== null ? `HTTP ${a.responseStatus}` : (a.errorClass ?? a.status);
  return `${what}${a.errorMessage ? `: ${a.errorMessage}` : ""}`.slice(0, 500);
}
