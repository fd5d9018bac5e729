import type { Env } from "../../lib/env.ts";
import { db } from "../../lib/db.ts";
import { seedDemoEvents } from "../../lib/events/demo-data.ts";
import { markInterruptedAttempts } from "../../lib/delivery/mark-interrupted.ts";
import { purgeExpiredExecutions } from "../../lib/executions/purge-expired.ts";
import { seedDemoIntegrations } from "../../lib/integrations/demo-data.ts";
import { seedFirstAdmin } from "./seed.ts";

/** What every instance does once at start, after migrations: first admin, demo data, periodic jobs. */
export async function startupTasks(env: Env, log: (line: string) => void) {
  const admin = await seedFirstAdmin(db, { email: env.PORTAL_ADMIN_EMAIL, password: env.PORTAL_ADMIN_PASSWORD });
  if (admin) log(`created the first admin, ${admin.email}`);
  if (env.PORTAL_SEED_DEMO) {
    const integrations = await seedDemoIntegrations(db);
    const events = await seedDemoEvents(db);
    if (integrations + events > 0) log(`added demo data: ${integrations} integrations, ${events} events (labelled "Demo")`);
  }
  await runPeriodicJobs(log);
  return admin;
}

/** Jobs every instance runs at start and then every minute; each is safe to run concurrently. */
async function runPeriodicJobs(log: (line: string) => void) {
  const run = async () => {
    try {
      const interrupted = await markInterruptedAttempts();
      if (interrupted > 0) log(`marked ${interrupted} unfinished attempt(s) as interrupted`);
      const purged = await purgeExpiredExecutions();
      if (purged.attempts > 0) log(`removed ${purged.attempts} attempt(s) older than ${purged.cutoff.toISOString()} (retention)`);
    } catch (error) {
      console.error("[portal] periodic job failed:", error);
    }
  };
  await run();
  setInterval(run, 60_000).unref();
}
