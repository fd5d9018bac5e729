import { checkReadiness } from "./readiness";

const NO_STORE = { "cache-control": "no-store" };

/** GET /api/health: answers as long as the process serves; no database, no secrets. */
export function livenessResponse(): Response {
  return Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) }, { headers: NO_STORE });
}

/**
 * GET /api/ready: 200 when this instance should receive traffic, 503 with the failing checks
 * otherwise (a load balancer or Kubernetes takes it out of rotation until it recovers).
 */
export async function readinessResponse(): Promise<Response> {
  try {
    const report = await checkReadiness();
    if (report.status === "ready") return Response.json(report, { headers: NO_STORE });
    const failing = Object.entries(report.checks)
      .filter(([, c]) => !c.ok)
      .map(([name]) => name);
    const error = { code: "not_ready", message: `Not ready: ${failing.join(", ")}.` };
    return Response.json({ ...report, error }, { status: 503, headers: NO_STORE });
  } catch {
    const error = { code: "not_ready", message: "The readiness check could not run." };
    return Response.json({ status: "not_ready", error }, { status: 503, headers: NO_STORE });
  }
}
