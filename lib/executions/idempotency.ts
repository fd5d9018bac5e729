import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import type { Attempt } from "@/lib/generated/prisma/client";

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The first attempt of the message a user's key created within the last 24 hours, if any. */
export async function findReplay(userId: string, key: string, now = new Date()): Promise<Attempt | null> {
  const found = await db.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
  if (!found || found.createdAt.getTime() < now.getTime() - IDEMPOTENCY_WINDOW_MS) return null;
  return db.attempt.findFirst({ where: { messageId: found.messageId }, orderBy: [{ startedAt: "asc" }, { id: "asc" }] });
}

/**
 * Claims a key for a new message inside the transaction that creates it. A concurrent claim of
 * the same key waits for this transaction and then finds the key taken: exactly one message per
 * key, however many requests arrive at once. Returns false when the key is taken.
 */
export async function claimKey(tx: Tx, userId: string, key: string, messageId: string, now = new Date()): Promise<boolean> {
  await tx.idempotencyKey.deleteMany({ where: { userId, key, createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS) } } });
  const inserted = await tx.$executeRaw`
    INSERT INTO "IdempotencyKey" ("userId", "key", "messageId", "createdAt")
    VALUES (${userId}::uuid, ${key}, ${messageId}, ${now})
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}
