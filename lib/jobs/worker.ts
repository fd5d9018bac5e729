import { dispatchAttempt } from "@/lib/delivery/dispatch-attempt";
import { runRecovery } from "@/lib/delivery/recover";
import { runMaintenance } from "./maintenance";
import { queue, QUEUES, stopQueue, type DeliveryJob } from "./queue";

const BATCH = 2;

export interface Worker {
  /** Stops taking jobs and waits for the deliveries in flight (up to `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts a delivery worker in this process: up to `concurrency` automatic deliveries at once,
 * plus the minute's maintenance job. Any number of processes may run one on the same database.
 */
export async function startWorker({ concurrency, log }: { concurrency: number; log: (line: string) => void }): Promise<Worker> {
  const boss = await queue();
  // Jobs are fetched two at a time per loop: pg-boss keeps fetching without pause while fetches
  // come back full (a backlog drains at full speed) and otherwise waits for a NOTIFY, or for a
  // retry falling due (wakeWorkersAt), polling every 5 s as a backstop.
  await boss.work<DeliveryJob>(
    QUEUES.delivery,
    { localConcurrency: Math.ceil(concurrency / BATCH), batchSize: BATCH, burstWhenBatchFull: true, notifyPollingIntervalSeconds: 5 },
    async (jobs) => {
      const results = await Promise.allSettled(jobs.map((job) => dispatchAttempt(job.data.attemptId)));
      // A job whose dispatch failed (the database, not the receiver) is retried; dispatching is
      // idempotent, so the others of its batch are no-ops when offered again.
      const failed = results.find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
    },
  );
  await boss.work<{ runId: string }>(QUEUES.recovery, { pollingIntervalSeconds: 5 }, async ([job]) => {
    await runRecovery(job.data.runId);
  });
  await boss.work(QUEUES.maintenance, { pollingIntervalSeconds: 10 }, async () => {
    await runMaintenance(log);
  });
  await boss.schedule(QUEUES.maintenance, "* * * * *");
  return { stop: (timeoutMs = 30_000) => stopQueue(timeoutMs) };
}
