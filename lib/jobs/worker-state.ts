/** What this process's delivery worker is doing, shared by every module copy (Next bundles its own). */
export interface WorkerState {
  startedAt: Date;
  concurrency: number;
  /** Deliveries this worker is sending right now. */
  readonly inFlight: number;
}

const globalForWorker = globalThis as unknown as { portalWorker?: WorkerState };

/** This process's running worker, or null when it runs none. */
export const workerState = (): WorkerState | null => globalForWorker.portalWorker ?? null;

export function setWorkerState(state: WorkerState | null) {
  globalForWorker.portalWorker = state ?? undefined;
}
