/**
 * What the supervisor of the embedded PostgreSQL (lib/server/embedded-postgres.ts) last reported,
 * for the readiness check. Kept on globalThis: the supervisor runs in scripts/start.ts and the
 * readiness check inside Next's bundle of the same process, each with its own copy of modules.
 */
export interface EmbeddedPostgresState {
  state: "running" | "restarting";
  /** Times the server was started again after it stopped on its own. */
  restarts: number;
  /** When it last stopped on its own (ISO 8601). */
  stoppedAt?: string;
  /** Restart attempts that failed since it stopped. */
  failedAttempts?: number;
  /** When the next attempt is due while restarting (ISO 8601). */
  nextAttemptAt?: string;
}

const KEY = Symbol.for("webhooks-portal.embedded-postgres");
const holder = globalThis as unknown as { [KEY]?: EmbeddedPostgresState };

/** Null when this process runs no embedded PostgreSQL (DATABASE_URL given, or a worker process). */
export const embeddedPostgresState = (): EmbeddedPostgresState | null => holder[KEY] ?? null;

export function setEmbeddedPostgresState(state: EmbeddedPostgresState | null) {
  if (state) holder[KEY] = state;
  else delete holder[KEY];
}
