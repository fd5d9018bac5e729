import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import { env } from "@/lib/env";
import { registerQueueGauges } from "./queue-gauges";
import { metrics } from "./registry";

const globalForGauges = globalThis as unknown as { portalQueueGauges?: boolean };

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * GET /metrics: this process's metrics in Prometheus text format, for a scraper that sends
 * `Authorization: Bearer $PORTAL_METRICS_TOKEN`. Off (404) while that variable is unset; 401 for
 * a missing or wrong token. `queue`: also the queue gauges read from the database (the portal's
 * endpoint has them; a worker's own endpoint does not, so they are not counted twice).
 */
export async function metricsResponse(authorization: string | null, { queue = true }: { queue?: boolean } = {}): Promise<Response> {
  const token = env().PORTAL_METRICS_TOKEN;
  if (!token)
    return Response.json(
      { error: { code: "not_found", message: "Metrics are off: set PORTAL_METRICS_TOKEN to turn them on." } },
      { status: 404 },
    );
  const sent = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!sent || !timingSafeEqual(digest(sent), digest(token))) {
    return Response.json(
      { error: { code: "unauthorized", message: "Send the metrics token as Authorization: Bearer <PORTAL_METRICS_TOKEN>." } },
      { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } },
    );
  }
  const { registry } = metrics();
  if (queue && !globalForGauges.portalQueueGauges) {
    registerQueueGauges(registry);
    globalForGauges.portalQueueGauges = true;
  }
  try {
    return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
  } catch {
    // A gauge that reads the database failed: say so rather than answer half the figures.
    return Response.json(
      { error: { code: "unavailable", message: "Some metrics could not be read (is the database reachable?)." } },
      { status: 503 },
    );
  }
}

/** A worker process's own metrics endpoint (`npm run worker` with PORTAL_WORKER_METRICS_PORT). */
export function serveWorkerMetrics(port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const answer =
      req.method === "GET" && path === "/metrics"
        ? metricsResponse(req.headers.authorization ?? null, { queue: false })
        : Promise.resolve(Response.json({ error: { code: "not_found", message: "Only GET /metrics is served here." } }, { status: 404 }));
    void answer.then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(await response.text());
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
