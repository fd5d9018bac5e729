import type { Env } from "../../lib/env.ts";
import { createDb } from "../../lib/db.ts";
import { seedFirstAdmin } from "./seed.ts";

/** What every instance does once at start, after migrations: first admin, demo data. */
export async function startupTasks(env: Env, log: (line: string) => void) {
  const db = createDb(env.DATABASE_URL);
  try {
    const admin = await seedFirstAdmin(db, { email: env.PORTAL_ADMIN_EMAIL, password: env.PORTAL_ADMIN_PASSWORD });
    if (admin) log(`created the first admin, ${admin.email}`);
    return admin;
  } finally {
    await db.$disconnect();
  }
}
