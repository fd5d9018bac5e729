import { livenessResponse } from "@/lib/server/probes";

/** Liveness: the process serves requests. Unauthenticated, touches nothing else. */
export const dynamic = "force-dynamic";
export const GET = livenessResponse;
