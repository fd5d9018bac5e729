import { queue, QUEUES, stopQueue, type DeliveryJob } from "@/lib/jobs/queue";
import { setWorkerState, workerState } from "@/lib/jobs/worker-state";
import { Dispatcher } from "./dispatch";
import { runMaintenance } from "./maintenance";
import { asSystem } from "@/lib/workspaces/scope";
import { runRecovery } from "./recover";

export interface Worker {
  /** Stops taking jobs and waits for the deliveries in flight and their outcomes (up to `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts a delivery worker in this process: up to `concurrency` automatic deliveries at once,
 * plus recovers and the minute's maintenance job. Any number of processes may run one on the
 * same database.
 *
 * Jobs (an event's deliveries share one) are fetched in batches by two fetch loops, each
 * woken by NOTIFY when jobs are committed, or by a retry falling due (wakeWorkersAt), with a poll
 * every 5 s as a backstop; while a fetch comes back full they fetch again at once. The queue
 * completes each batch in one statement once its attempts are claimed (see lib/delivery/dispatch.ts).
 *
 * System work across workspaces (lib/workspaces/scope.ts): its loops, and every job they run, act
 * in no workspace, whatever context started them; what a delivery writes names its own workspace.
 */
export function startWorker(options: { concurrency: number; log: (line: string) => void }): Promise<Worker> {
  return asSystem(() => start(options));
}

async function start({ concurrency, log }: { concurrency: number; log: (line: string) => void }): Promise<Worker> {
  const boss = await queue();
  const dispatcher = new Dispatcher(concurrency);
  const state = {
    startedAt: new Date(),
    concurrency,
    get inFlight() {
      return dispatcher.sending;
    },
  };
  setWorkerState(state);
  await boss.work<DeliveryJob>(
    QUEUES.delivery,
    {
      // Two loops: one fetches while the other waits for slots or its claim statement.
      localConcurrency: 2,
      // Whatever is ready, up to a job per slot (a job holds an event's deliveries): the handler
      // starts what its slots allow and keeps the rest until slots free up.
      batchSize: Math.max(1, concurrency),
      burstWhenBatchFull: true,
      burstWhenReadyExceeds: 1,
      notifyPollingIntervalSeconds: 5,
      includeMetadata: false,
    },
    async (jobs) => asSystem(() => dispatcher.handle(jobs)),
  );
  await boss.work<{ runId: string }>(QUEUES.recovery, { pollingIntervalSeconds: 5 }, async ([job]) => {
    await asSystem(() => runRecovery(job.data.runId));
  });
  await boss.work(QUEUES.maintenance, { pollingIntervalSeconds: 10 }, async () => {
    await asSystem(() => runMaintenance(log));
  });
  await boss.schedule(QUEUES.maintenance, "* * * * *");
  return {
    stop: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      // No new batches; the handlers running finish starting what they hold.
      await boss.offWork(QUEUES.delivery, { wait: true });
      await dispatcher.drain(Math.max(0, deadline - Date.now()));
      await stopQueue(Math.max(1_000, deadline - Date.now()));
      if (workerState() === state) setWorkerState(null);
    },
  };
}
