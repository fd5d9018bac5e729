import { PgBoss } from "pg-boss";
import type { SqlTx, Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { asSystem } from "@/lib/workspaces/scope";

/**
 * The durable job queue: pg-boss on the portal's own PostgreSQL (schema `pgboss`). Jobs carry ids
 * only; the attempts table is the source of truth, and a job only says "look at this attempt".
 *
 * - Workers are woken by LISTEN/NOTIFY when a job is committed (polling every 30 s is a backstop).
 * - Jobs are claimed with FOR UPDATE SKIP LOCKED, so any number of processes share the queue.
 * - A job held by a worker that died is offered again once it expires: the webhook's timeout plus
 *   a margin (see deliveryJob), checked by pg-boss's supervisor every few seconds.
 */
export const QUEUES = {
  /** `{ attemptId }`: send a queued automatic attempt (lib/delivery/dispatch.ts). */
  delivery: "delivery",
  /** Periodic upkeep, once a minute across all instances (lib/delivery/maintenance.ts). */
  maintenance: "maintenance",
  /** `{ runId }`: a recover of an integration's failed deliveries (lib/delivery/recover.ts). */
  recovery: "recovery",
} as const;

/** Seconds past the webhook timeout before a job held by a silent worker is offered again. */
export const EXPIRY_MARGIN_SECONDS = 15;
const SUPERVISE_INTERVAL_SECONDS = 5;

const globalForQueue = globalThis as unknown as { portalQueue?: Promise<PgBoss> };

/** This process's pg-boss instance, started (schema installed or migrated) on first use. */
export function queue(): Promise<PgBoss> {
  // Its timers and loops live as long as the process: system work, even when a request starts it.
  globalForQueue.portalQueue ??= asSystem(startQueue).catch((error: unknown) => {
    globalForQueue.portalQueue = undefined;
    throw error;
  });
  return globalForQueue.portalQueue;
}

async function startQueue(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: env().DATABASE_URL,
    schema: "pgboss",
    application_name: "portal-queue",
    max: 10,
    useListenNotify: true,
    // Expired jobs are found by the monitor pass, so both run every few seconds: a dead worker's
    // job is offered again within its expiry plus this interval, not minutes later.
    superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    monitorIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    // The ready count that switches workers to fetching without pause (a backlog) is this fresh.
    queueCacheIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    // The portal keeps its own history: finished jobs are not needed for long.
    openTelemetry: { enabled: false },
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on("error", (error) => logger().error({ component: "queue", err: error }, "queue error"));
  await boss.start();
  await boss.createQueue(QUEUES.delivery, { notify: true, retryLimit: 10, retryDelay: 1, expireInSeconds: 60, deleteAfterSeconds: 3600 });
  await boss.createQueue(QUEUES.recovery, { notify: true, retryLimit: 3, retryDelay: 5, expireInSeconds: 600, deleteAfterSeconds: 3600 });
  await boss.createQueue(QUEUES.maintenance, { policy: "singleton", retryLimit: 0, expireInSeconds: 300, deleteAfterSeconds: 3600 });
  return boss;
}

/** Stops this process's queue: a graceful stop lets running jobs finish (up to `timeoutMs`). */
export async function stopQueue(timeoutMs = 30_000) {
  const current = globalForQueue.portalQueue;
  globalForQueue.portalQueue = undefined;
  if (current) await (await current).stop({ graceful: true, timeout: timeoutMs, close: true });
}

export interface DeliveryJob {
  /** The attempts to send: an event's deliveries share one job (they were queued together). */
  attemptIds?: string[];
  /** One attempt (a retry, a delivery put off to its slot; and jobs queued before attempts were batched). */
  attemptId?: string;
  /** Set when the job was put off to a rate-limit slot already reserved for it (ISO time). */
  slotAt?: string;
  /** How many times this delivery already waited for its integration's maxInFlight (it waits longer each time). */
  held?: number;
}

/** The attempts a delivery job names. */
export const attemptIdsOf = (job: DeliveryJob): string[] => job.attemptIds ?? (job.attemptId ? [job.attemptId] : []);

/** At most this many attempts share a job: a worker takes a job's attempts as its slots allow. */
const ATTEMPTS_PER_JOB = 32;

/**
 * The jobs that send attempts queued together (an event's deliveries share one job however many
 * integrations match: one queue write instead of one per delivery; a bulk retry's, one job per 32).
 * Each expires (and is offered again) after the longest of its attempts' timeouts plus a margin.
 * `priority` (higher first, 0 by default): see lib/delivery/fairness.ts.
 */
export function deliveriesJobs(attempts: { attemptId: string; timeoutSeconds: number }[], priority = 0) {
  const jobs = [];
  for (let i = 0; i < attempts.length; i += ATTEMPTS_PER_JOB) {
    const part = attempts.slice(i, i + ATTEMPTS_PER_JOB);
    jobs.push({
      data: { attemptIds: part.map((a) => a.attemptId) } satisfies DeliveryJob,
      expireInSeconds: Math.max(...part.map((a) => a.timeoutSeconds)) + EXPIRY_MARGIN_SECONDS,
      ...(priority !== 0 && { priority }),
    });
  }
  return jobs;
}

/**
 * The job that sends one queued attempt; it expires (and is offered again) after the webhook's
 * timeout plus a margin.
 */
export function deliveryJob({
  attemptId,
  integrationId,
  timeoutSeconds,
  startAfter,
  slotAt,
  held,
}: {
  attemptId: string;
  integrationId: string;
  timeoutSeconds: number;
  startAfter?: Date;
  slotAt?: Date;
  held?: number;
}) {
  return {
    data: { attemptId, ...(slotAt && { slotAt: slotAt.toISOString() }), ...(held && { held }) } satisfies DeliveryJob,
    expireInSeconds: timeoutSeconds + EXPIRY_MARGIN_SECONDS,
    group: { id: integrationId },
    ...(startAfter && { startAfter }),
  };
}

/** Queues jobs outside any transaction (a delivery put off to its rate-limit slot). */
export async function enqueue(
  name: string,
  jobs: { data: object; expireInSeconds?: number; startAfter?: Date; group?: { id: string }; priority?: number }[],
) {
  await (await queue()).insert(name, jobs);
}

/**
 * Inserts jobs inside the caller's transaction: they exist exactly when the transaction commits
 * (and workers are notified then), so a committed attempt always has its job.
 */
export async function enqueueInTransaction(
  tx: Tx | SqlTx,
  name: string,
  jobs: { data: object; expireInSeconds?: number; startAfter?: Date; group?: { id: string }; priority?: number }[],
) {
  if (jobs.length === 0) return;
  const boss = await queue();
  await boss.insert(name, jobs, {
    db: {
      executeSql: async (text: string, values: unknown[] = []) => ({
        rows: typeof tx === "function" ? await tx.unsafe(text, values) : await tx.$queryRawUnsafe<unknown[]>(text, ...values),
      }),
    },
  });
}

/**
 * Wakes this process's delivery workers when a job scheduled for later (an automatic retry) is
 * due: a NOTIFY is sent only for jobs that can run at once, and polling is only a backstop. When
 * this process is gone by then, any worker's next poll (every few seconds) finds the job.
 */
export function wakeWorkersAt(dueAt: Date) {
  const current = globalForQueue.portalQueue;
  if (!current) return;
  const wake = () =>
    void current.then((boss) => {
      for (const w of boss.getWipData()) if (w.name === QUEUES.delivery) boss.notifyWorker(w.id);
    });
  asSystem(() => setTimeout(wake, Math.max(0, dueAt.getTime() - Date.now()) + 5).unref());
}
