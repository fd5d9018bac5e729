import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { applyMigrations } from "../../scripts/lib/migrate";

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
  const dataDir = await mkdtemp(path.join(tmpdir(), "portal-test-db-"));
  await chmod(dataDir, 0o755); // the server runs as an unprivileged user when we are root
  const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: "test", database: "portal_test" });
  process.env.DATABASE_URL = db.url;
  await applyMigrations(db.url);
  return async () => {
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
