import { dispatchAttempt } from "@/lib/delivery/dispatch-attempt";
import { runRecovery } from "@/lib/delivery/recover";
import { runMaintenance } from "./maintenance";
import { queue, QUEUES, stopQueue, type DeliveryJob } from "./queue";
import { setWorkerState, workerState } from "./worker-state";

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
  setWorkerState({ startedAt: new Date(), concurrency, inFlight: 0 });
  // Each of `concurrency` loops takes one job at a time and is woken by NOTIFY, or by a retry
  // falling due (wakeWorkersAt), polling every 5 s as a backstop; while the queue has a backlog
  // (its ready count, refreshed every few seconds) they fetch without pause.
  await boss.work<DeliveryJob>(
    QUEUES.delivery,
    {
      localConcurrency: concurrency,
      batchSize: 1,
      burstWhenReadyExceeds: 1,
      notifyPollingIntervalSeconds: 5,
      // One integration's deliveries leave a quarter of this worker's slots to the others: a
      // receiver that hangs until its timeout cannot hold them all up.
      localGroupConcurrency: Math.max(1, concurrency - Math.max(1, Math.floor(concurrency / 4))),
    },
    async ([job]) => {
      const state = workerState();
      if (state) state.inFlight++;
      try {
        await dispatchAttempt(job.data.attemptId, { slotAt: job.data.slotAt ? new Date(job.data.slotAt) : undefined, held: job.data.held });
      } finally {
        if (state) state.inFlight--;
      }
    },
  );
  await boss.work<{ runId: string }>(QUEUES.recovery, { pollingIntervalSeconds: 5 }, async ([job]) => {
    await runRecovery(job.data.runId);
  });
  await boss.work(QUEUES.maintenance, { pollingIntervalSeconds: 10 }, async () => {
    await runMaintenance(log);
  });
  await boss.schedule(QUEUES.maintenance, "* * * * *");
  return {
    stop: async (timeoutMs = 30_000) => {
      await stopQueue(timeoutMs);
      setWorkerState(null);
    },
  };
}
