import { readinessResponse } from "@/lib/server/probes";

/** Readiness: database reachable, migrations applied, worker running where enabled. Unauthenticated. */
export const dynamic = "force-dynamic";
export const GET = readinessResponse;
