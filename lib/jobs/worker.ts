import { dispatchAttempt } from "@/lib/delivery/dispatch-attempt";
import { runMaintenance } from "./maintenance";
import { queue, QUEUES, stopQueue, type DeliveryJob } from "./queue";

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
  await boss.work<DeliveryJob>(QUEUES.delivery, { localConcurrency: concurrency, batchSize: 1, notifyPollingIntervalSeconds: 30 }, async ([job]) => {
    await dispatchAttempt(job.data.attemptId);
  });
  await boss.work(QUEUES.maintenance, { pollingIntervalSeconds: 10 }, async () => {
    await runMaintenance(log);
  });
  await boss.schedule(QUEUES.maintenance, "* * * * *");
  return { stop: (timeoutMs = 30_000) => stopQueue(timeoutMs) };
}
