import { markInterruptedAttempts } from "@/lib/delivery/mark-interrupted";
import { purgeExpiredExecutions } from "@/lib/executions/purge-expired";

/**
 * The periodic upkeep, run by whichever worker takes the minute's maintenance job (once per
 * minute across all instances): close attempts left pending by a crash, remove expired history.
 */
export async function runMaintenance(log: (line: string) => void) {
  const interrupted = await markInterruptedAttempts();
  if (interrupted > 0) log(`marked ${interrupted} unfinished attempt(s) as interrupted`);
  const purged = await purgeExpiredExecutions();
  if (purged.attempts > 0) log(`removed ${purged.attempts} attempt(s) older than ${purged.cutoff.toISOString()} (retention)`);
}
