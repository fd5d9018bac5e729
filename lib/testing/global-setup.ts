import { randomBytes } from "node:crypto";
import { startScratchPostgres } from "@/lib/server/scratch-postgres";
import { applyMigrations } from "@/lib/server/migrate";

/**
 * Vitest global setup: a real PostgreSQL (embedded) in a fresh data folder for this run,
 * migrated with the same runner as production. With TEST_DATABASE_URL set, that database is
 * used instead (it must be disposable). Workers inherit the environment set here.
 */
export default async function setup() {
  process.env.PORTAL_AUTH_SECRET ||= randomBytes(32).toString("base64url");
  process.env.PORTAL_ENCRYPTION_KEY ||= randomBytes(32).toString("base64");
  process.env.PORTAL_WEBHOOK_ALLOWED_HOSTS ||= "127.0.0.1,localhost,::1";
  // High enough for the concurrency tests (200 triggers by one user at once).
  process.env.PORTAL_TRIGGER_RATE_LIMIT ||= "300";
  (process.env as Record<string, string>).NODE_ENV = "test";

  if (process.env.TEST_DATABASE_URL) {
    process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    await applyMigrations(process.env.DATABASE_URL);
    return;
  }
  const db = await startScratchPostgres("test");
  process.env.DATABASE_URL = db.url;
  await applyMigrations(db.url);
  return () => db.stop();
}
