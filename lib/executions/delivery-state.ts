import { createHash } from "node:crypto";
import { z } from "zod";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db, sql } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

const uuid = z.uuid("Use an id as returned by the API");

/** Which delivery state a page shows: one integration's, one event's, one message's, or the whole portal's. */
export const deliveryStateQuery = z.object({
  integrationId: uuid.optional().describe("The state of this integration's deliveries (its alerts included)"),
  eventId: uuid.optional().describe("The state of this event's deliveries"),
  messageId: z
    .string()
    .regex(/^msg_[0-9A-Z]{26}$/, "Use a webhook id as sent in the webhook-id header: msg_ and 26 letters and digits")
    .optional()
    .describe("The state of this message's attempts"),
  events: z.enum(["0", "1"]).optional().describe("1: the newest event counts too (the events list)"),
});
export type DeliveryStateQuery = z.input<typeof deliveryStateQuery>;

/** Counted up to this many per unfinished status: beyond it a change still shows in the oldest and newest rows. */
const COUNT_CAP = 1000;

/**
 * A short fingerprint of the delivery state a page shows: it changes when an attempt in the scope
 * is recorded (a delivery queued, a retry scheduled), is claimed or finishes (queued → pending →
 * succeeded), or is cancelled — and stays the same while nothing changed. A page polls it and
 * reloads its data only when it differs from the one it was rendered with.
 *
 * Cheap whatever the history's size: a handful of index probes — the newest attempt in scope, and
 * for each unfinished status (queued, scheduled, pending) its count (capped), oldest and newest
 * row — on the (scope, status, startedAt, id) indexes; finished attempts are never read.
 */
export async function getDeliveryState({ ctx, query }: { ctx: Ctx; query: DeliveryStateQuery }): Promise<{ fingerprint: string }> {
  authorize(ctx, "portal.read");
  const q = deliveryStateQuery.parse(query);
  const workspaceId = ctx.workspace!.id;
  const parts = q.messageId
    ? await messageState(workspaceId, q.messageId)
    : await scopedState(workspaceId, q.integrationId ?? null, q.eventId ?? null);
  if (q.events === "1") parts.push(...(await newestEvent(workspaceId)));
  return { fingerprint: createHash("sha256").update(parts.join("|")).digest("base64url").slice(0, 22) };
}

/** Every attempt of one message with its status as shown (a claimed one is pending): a few rows. */
async function messageState(workspaceId: string, messageId: string): Promise<string[]> {
  const rows = await sql<{ id: string; status: string; claimed: boolean }>`
    SELECT a."id"::text, a."status", EXISTS (SELECT 1 FROM "DeliveryClaim" c WHERE c."attemptId" = a."id") AS "claimed"
    FROM "Attempt" a WHERE a."messageId" = ${messageId} AND a."workspaceId" = ${workspaceId}::uuid ORDER BY a."startedAt", a."id"`;
  return messageParts(
    rows.map((r) => ({ id: r.id, status: r.claimed && ["queued", "scheduled"].includes(r.status) ? "pending" : r.status })),
  );
}

const messageParts = (attempts: readonly { id: string; status: string }[]) => attempts.map((a) => `${a.id}:${a.status}`);
const digest = (parts: string[]) => createHash("sha256").update(parts.join("|")).digest("base64url").slice(0, 22);

/**
 * The fingerprint of one message's attempts as a page shows them (its timeline, oldest first, with
 * claimed attempts as pending): the same as getDeliveryState's for that message when nothing changed
 * since they were read — so a page needs no second read to know what it was rendered from.
 */
export const messageFingerprint = (timeline: readonly { id: string; status: string }[]) => digest(messageParts(timeline));

/** The attempts a scope covers, as a condition on "Attempt" (the values are sent as parameters): always within the workspace. */
function scopeOf(workspaceId: string, integrationId: string | null, eventId: string | null): Prisma.Sql {
  const workspace = Prisma.sql`"workspaceId" = ${workspaceId}::uuid`;
  if (integrationId) return Prisma.sql`${workspace} AND "integrationId" = ${integrationId}::uuid`;
  if (eventId) return Prisma.sql`${workspace} AND "eventId" = ${eventId}::uuid`;
  return workspace;
}

/**
 * The newest attempt in scope (one dated ahead of the database's clock — another instance's clock
 * running fast — counts once that time comes, rather than hiding every attempt recorded until
 * then), and per unfinished status the count, oldest and newest attempt,
 * plus the claims (a worker sending a queued attempt shows it as pending). Scope: an integration,
 * an event, or the whole workspace (null, null); never another workspace's. Each subquery is an index probe or a short index range:
 * the newest is looked for among the finished attempts and among those in flight (each side has its
 * own indexes), the unfinished statuses among those in flight only.
 */
async function scopedState(workspaceId: string, integrationId: string | null, eventId: string | null): Promise<string[]> {
  const scope = scopeOf(workspaceId, integrationId, eventId);
  const unfinished = (status: string) => Prisma.sql`
      (SELECT count(*)::int FROM (SELECT 1 FROM "Attempt" WHERE ${scope} AND "status" = ${status} AND "finishedAt" IS NULL LIMIT ${COUNT_CAP}) x) AS ${Prisma.raw(`"${status}Count"`)},
      (SELECT "id"::text FROM "Attempt" WHERE ${scope} AND "status" = ${status} AND "finishedAt" IS NULL ORDER BY "startedAt", "id" LIMIT 1) AS ${Prisma.raw(`"${status}Oldest"`)},
      (SELECT "id"::text FROM "Attempt" WHERE ${scope} AND "status" = ${status} AND "finishedAt" IS NULL ORDER BY "startedAt" DESC, "id" DESC LIMIT 1) AS ${Prisma.raw(`"${status}Newest"`)}`;
  const newest = (side: Prisma.Sql) => Prisma.sql`
      (SELECT "id", "startedAt" FROM "Attempt" WHERE ${scope} AND "startedAt" <= now() AND ${side} ORDER BY "startedAt" DESC, "id" DESC LIMIT 1)`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT
      (SELECT "id"::text FROM (${newest(Prisma.sql`"finishedAt" IS NOT NULL`)} UNION ALL ${newest(Prisma.sql`"finishedAt" IS NULL`)}) n
        ORDER BY "startedAt" DESC, "id" DESC LIMIT 1) AS "newest",
      ${unfinished("queued")},
      ${unfinished("scheduled")},
      ${unfinished("pending")},
      (SELECT count(*)::int FROM (
        SELECT 1 FROM "DeliveryClaim" c WHERE ${integrationId || eventId ? Prisma.sql`EXISTS (SELECT 1 FROM "Attempt" a WHERE a."id" = c."attemptId" AND ${scopeOf(workspaceId, integrationId, eventId)})` : Prisma.sql`c."integrationId" IN (SELECT "id" FROM "Integration" WHERE "workspaceId" = ${workspaceId}::uuid)`}
        LIMIT ${COUNT_CAP}) x) AS "claimed"`);
  return Object.entries(rows[0] ?? {}).map(([k, v]) => `${k}=${String(v ?? "")}`);
}

/** The workspace's newest event (ids are time-ordered): the events list shows new ones. */
async function newestEvent(workspaceId: string): Promise<string[]> {
  const [row] = await sql<{ id: string | null }>`
    SELECT "id"::text FROM "Event" WHERE "workspaceId" = ${workspaceId}::uuid ORDER BY "id" DESC LIMIT 1`;
  return [`event=${row?.id ?? ""}`];
}
