import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres.ts";

/** A free TCP port on loopback. */
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

export interface ScratchPostgres extends EmbeddedDatabase {
  /** The temporary folder holding its data (`pg/`) and socket. */
  dataDir: string;
}

/**
 * A throwaway embedded PostgreSQL (tests, benchmarks, migration diffs) in a temporary folder on a
 * free port; `stop()` also removes the folder.
 */
export async function startScratchPostgres(name: string): Promise<ScratchPostgres> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `portal-${name}-`));
  await chmod(dataDir, 0o755); // the server runs as an unprivileged user when we are root
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: name, database: name.replace(/\W/g, "_") });
  return {
    url: database.url,
    dataDir,
    stop: async () => {
      await database.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
