import type { Env } from "@/lib/env";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { seedDemoEvents } from "@/lib/events/demo-data";
import { runMaintenance } from "@/lib/delivery/maintenance";
import { seedDemoIntegrations } from "@/lib/integrations/demo-data";
import { asSystem } from "@/lib/workspaces/scope";
import { seedFirstAdmin } from "./seed.ts";

/**
 * What every instance does once at start, after migrations: first admin, demo data (in the default
 * workspace), maintenance. System work: no request, no workspace.
 */
export function startupTasks(env: Env, log: (line: string) => void) {
  return asSystem(() => runStartupTasks(env, log));
}

async function runStartupTasks(env: Env, log: (line: string) => void) {
  const admin = await seedFirstAdmin(db, { email: env.PORTAL_ADMIN_EMAIL, password: env.PORTAL_ADMIN_PASSWORD });
  if (admin) log(`created the first admin, ${admin.email}`);
  if (env.PORTAL_SEED_DEMO) {
    const integrations = await seedDemoIntegrations(db);
    const events = await seedDemoEvents(db);
    if (integrations + events > 0) log(`added demo data: ${integrations} integrations, ${events} events (labelled "Demo")`);
  }
  // Attempts a crashed process left pending are closed before this instance serves; later the
  // minute's maintenance job (lib/jobs) does it once for all instances.
  await runMaintenance(log).catch((error: unknown) => logger().error({ component: "portal", err: error }, "maintenance failed"));
  return admin;
}
