import { afterAll } from "vitest";
import { db } from "@/lib/db";
import { stopQueue } from "@/lib/jobs/queue";
import { startReceiver, type Handler } from "./receiver";
import { startWorkerProcess, type WorkerProcess } from "./worker-process";

/**
 * What the test files that send real webhooks share: "localhost" on the address allow-list (so
 * loopback receivers can be reached), receivers and `npm run worker` processes started through
 * it, the integrations to clean up after — and, after the file, the clean-up: workers killed,
 * the subscriptions of its integrations deleted (so no later file's events match them),
 * receivers closed, this process's queue client stopped, the allow-list as it was.
 * Call it once, at the top level of the test file.
 */
export function deliveryTestBed() {
  const previousAllowList = process.env.PORTAL_WEBHOOK_ALLOWED_HOSTS;
  process.env.PORTAL_WEBHOOK_ALLOWED_HOSTS = "localhost";
  const receivers: { close: () => Promise<void> }[] = [];
  const workers: WorkerProcess[] = [];
  const integrationIds: string[] = [];

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop("SIGKILL")));
    if (integrationIds.length > 0) await db.subscription.deleteMany({ where: { integrationId: { in: integrationIds } } });
    await Promise.all(receivers.map((r) => r.close()));
    await stopQueue(1000);
    process.env.PORTAL_WEBHOOK_ALLOWED_HOSTS = previousAllowList;
  });

  return {
    /** A receiver on loopback, closed after the file. */
    async receiver(handler?: Handler, options?: Parameters<typeof startReceiver>[1]) {
      const r = await startReceiver(handler, options);
      receivers.push(r);
      return r;
    },
    /** A worker process (8 deliveries at once unless `env` says otherwise), killed after the file if still running. */
    async worker(env: Record<string, string> = {}) {
      const w = await startWorkerProcess({ PORTAL_WEBHOOK_ALLOWED_HOSTS: "localhost", PORTAL_WORKER_CONCURRENCY: "8", ...env });
      workers.push(w);
      return w;
    },
    /** The workers started and not yet taken out with `stopWorkers`. */
    async stopWorkers() {
      for (const w of workers.splice(0)) await w.stop();
    },
    /** An integration whose subscriptions are deleted after the file. */
    track(integrationId: string) {
      integrationIds.push(integrationId);
    },
  };
}
