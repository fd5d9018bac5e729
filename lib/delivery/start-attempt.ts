import type { auditColumns } from "@/lib/audit";
import { sql } from "@/lib/db";
import type { Attempt, Message } from "@/lib/generated/prisma/client";
import { uuidv7 } from "@/lib/ids";
import type { AttemptKind } from "@/lib/executions/schemas";
import type { AttemptToSend } from "./deliver-attempt";

/** Who sends by hand, as the send side records it: the person, the API token they used (if any), and the audit row. */
export interface Sender {
  /** The workspace sent in: the message, attempt, idempotency key and audit row are its. */
  workspaceId: string;
  id: string;
  email: string;
  /** The API token's id, name and prefix; null in the portal's UI. */
  token: { id: string; name: string; prefix: string } | null;
  /** The audit row of the send, for the attempt it names. */
  audit: (target: { type: "execution"; id: string; label: string }) => ReturnType<typeof auditColumns>;
}

export interface StartAttemptInput {
  sender: Sender;
  /** `request`: what a transformation changed besides the body (see transformed-request.ts). */
  message: Pick<Message, "id" | "integrationId" | "integrationName" | "mode" | "eventId" | "body"> & { request?: unknown };
  /**
   * True when this attempt sends another body than its message has stored (a retry whose
   * transformation ran again): the attempt then keeps its own copy.
   */
  ownBody?: boolean;
  /** True for a new message (a trigger or a test send), false for a retry of an existing one. */
  newMessage: boolean;
  kind: AttemptKind;
  retryOfId?: string;
  /** Where it goes, as recorded: the URL masked where it carries a secret. */
  target: { shownUrl: string; method: string; timeoutSeconds: number };
  recordedHeaders: Record<string, string>;
  now: Date;
  /** Claimed for the new message; when another message holds it, nothing is written. */
  idempotencyKey?: string | null;
  /** Recorded finished, nothing sent: a transformation cancelled the message or failed. */
  unsent?: { status: "skipped" | "failed"; errorClass: string; errorMessage: string };
}

/**
 * Records a `pending` attempt, its message when new (the body is stored there, once), the
 * idempotency key and the audit row, in one SQL statement: all of it commits together, in one
 * round trip, before the request leaves. A hang or a crash mid-send then shows later as an
 * interrupted attempt instead of a lost one. Returns null when the idempotency key is already
 * taken (by a concurrent request too: the insert waits for it and then finds the key).
 */
export async function startAttempt(input: StartAttemptInput): Promise<AttemptToSend | null> {
  const { sender, message: m, now } = input;
  const attemptId = uuidv7(now.getTime());
  const audit = sender.audit({ type: "execution", id: attemptId, label: m.integrationName });
  const key = input.idempotencyKey ?? null;
  const unsent = input.unsent;
  const workspaceId = sender.workspaceId;
  const rows = await sql<Pick<Attempt, "id" | "timeoutSeconds">>`
    WITH claim AS (
      INSERT INTO "IdempotencyKey" ("workspaceId", "userId", "key", "messageId", "createdAt")
      SELECT ${workspaceId}::uuid, ${sender.id}::uuid, ${key}, ${m.id}, ${now} WHERE ${key}::text IS NOT NULL
      ON CONFLICT DO NOTHING
      RETURNING 1
    ), go AS (
      SELECT 1 AS ok WHERE ${key}::text IS NULL OR EXISTS (SELECT 1 FROM claim)
    ), message AS (
      INSERT INTO "Message" ("id", "workspaceId", "integrationId", "integrationName", "mode", "eventId", "body", "request", "createdById", "createdAt")
      SELECT ${m.id}, ${workspaceId}::uuid, ${m.integrationId}::uuid, ${m.integrationName}, ${m.mode}, ${m.eventId}::uuid, ${m.body}, ${jsonOrNull(m.request ?? undefined)}::jsonb, ${sender.id}::uuid, ${now}
      FROM go WHERE ${input.newMessage}
    ), attempt AS (
      INSERT INTO "Attempt" ("id", "workspaceId", "messageId", "integrationId", "integrationName", "mode", "eventId", "kind", "retryOfId",
        "triggeredById", "triggeredByEmail", "triggeredByToken", "status", "errorClass", "errorMessage", "timeoutSeconds", "requestMethod", "requestUrl", "requestHeaders", "requestBody", "startedAt", "sentAt",
        "finishedAt", "requestId")
      SELECT ${attemptId}::uuid, ${workspaceId}::uuid, ${m.id}, ${m.integrationId}::uuid, ${m.integrationName}, ${m.mode}, ${m.eventId}::uuid, ${input.kind},
        ${input.retryOfId ?? null}::uuid, ${sender.id}::uuid, ${sender.email}, ${jsonOrNull(sender.token ?? undefined)}::jsonb, ${unsent?.status ?? "pending"},
        ${unsent?.errorClass ?? null}, ${unsent?.errorMessage ?? null}, ${input.target.timeoutSeconds}, ${input.target.method},
        ${input.target.shownUrl}, ${JSON.stringify(input.recordedHeaders)}::jsonb, ${input.ownBody ? m.body : null}, ${now}, ${unsent ? null : now}::timestamp,
        ${unsent ? now : null}::timestamp, ${audit.requestId}
      FROM go
      RETURNING "id", "timeoutSeconds"
    ), audit AS (
      INSERT INTO "AuditLog" ("id", "workspaceId", "createdAt", "actorId", "actorEmail", "action", "targetType", "targetId", "targetLabel", "before", "after", "ip", "userAgent", "requestId", "apiToken")
      SELECT ${uuidv7(now.getTime())}::uuid, ${workspaceId}::uuid, ${now}, ${audit.actorId}::uuid, ${audit.actorEmail}, ${audit.action}, ${audit.targetType},
        ${audit.targetId}, ${audit.targetLabel}, ${jsonOrNull(audit.before)}::jsonb, ${jsonOrNull(audit.after)}::jsonb, ${audit.ip}, ${audit.userAgent}, ${audit.requestId}, ${jsonOrNull(audit.apiToken)}::jsonb
      FROM attempt
    )
    SELECT * FROM attempt`;
  return rows[0] ? { ...rows[0], body: m.body } : null;
}

const jsonOrNull = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
