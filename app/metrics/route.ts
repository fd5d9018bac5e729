import { metricsResponse } from "@/lib/metrics/endpoint";

/** Prometheus scrape endpoint, behind PORTAL_METRICS_TOKEN (see lib/metrics). */
export const dynamic = "force-dynamic";
export const GET = (request: Request) => metricsResponse(request.headers.get("authorization"));
