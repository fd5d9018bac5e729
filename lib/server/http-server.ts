import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { logger, requestContext, saneRequestId } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { contextOf, markFailed, SpanKind, startSpan, tracingEnabled, withSpan } from "@/lib/observability/tracing";

const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip"];

/** Paths whose requests are logged at debug level: probes, scrapes and static files would drown the rest. */
const QUIET_PATHS = /^\/(api\/health|api\/ready|metrics|_next\/|favicon)/;

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * The portal's HTTP server: every request passes here, once, before Next sees it. It gives the
 * request its id (a sane incoming `x-request-id`, or a new one) and returns it as `x-request-id`,
 * runs the request with that id in the log context (so the audit rows and attempts it writes
 * record it, lib/auth/session.ts), drops forwarding headers unless a proxy of ours set them
 * (PORTAL_TRUST_PROXY), and logs one line per request — method, route, status, duration — and
 * its duration in the HTTP histogram of /metrics. While traces are exported, each request but
 * probes, scrapes and static files is a server span (continuing a valid incoming `traceparent`),
 * named by its method and route — ids as `:id`, never the query.
 */
export function createPortalServer({
  handle,
  trustProxy,
  log = logger(),
}: {
  handle: RequestHandler;
  trustProxy: boolean;
  log?: Logger;
}): Server {
  return createServer((req, res) => {
    const started = performance.now();
    const incoming = req.headers["x-request-id"];
    const requestId = (typeof incoming === "string" && saneRequestId(incoming)) || randomUUID();
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    if (!trustProxy) for (const name of FORWARDING_HEADERS) delete req.headers[name];
    const path = pathOf(req.url);
    const method = req.method ?? "GET";
    const incomingParent = req.headers.traceparent;
    const span =
      !tracingEnabled() || path === null || QUIET_PATHS.test(path)
        ? null
        : startSpan(`${method} ${routeOf(path, 200)}`, {
            kind: SpanKind.SERVER,
            parent: contextOf(typeof incomingParent === "string" ? incomingParent : null),
            attributes: { "http.request.method": method, "http.route": routeOf(path, 200), "portal.request_id": requestId },
          });

    res.once("close", () => {
      const durationMs = performance.now() - started;
      const status = res.statusCode;
      const route = routeOf(path, status);
      if (span) {
        span.updateName(`${method} ${route}`);
        span.setAttributes({ "http.route": route, "http.response.status_code": status });
        if (status >= 500) markFailed(span, String(status));
      }
      metrics().httpRequestDuration.observe({ method: req.method ?? "GET", route, status: String(status) }, durationMs / 1000);
      const line = {
        requestId,
        method: req.method,
        route,
        status,
        durationMs: Math.round(durationMs * 10) / 10,
        ...(!res.writableFinished && { aborted: true }),
      };
      const level = status >= 500 ? "error" : QUIET_PATHS.test(path ?? "") ? "debug" : "info";
      withSpan(span, () => log[level](line, "request"));
      span?.end();
    });

    // Next answers a path it cannot decode (%ED%A0%80, %FF) with a bare 500: say what is wrong.
    if (path === null) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "bad_request", message: "The request path is not valid percent-encoded UTF-8." } }));
      return;
    }
    requestContext.run({ requestId }, () => {
      void withSpan(span, () => Promise.resolve(handle(req, res))).catch((error: unknown) => {
        log.error({ err: error }, "request handler failed");
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { code: "internal_error", message: "Something went wrong on our side. It has been logged." } }));
        }
      });
    });
  });
}

/** The decoded path of a request URL, or null when it is not valid percent-encoded UTF-8. */
function pathOf(url: string | undefined): string | null {
  try {
    return decodeURIComponent(new URL(url ?? "/", "http://portal").pathname);
  } catch {
    return null;
  }
}

const ID_SEGMENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|msg_[A-Za-z0-9]+|\d+)$/i;

/**
 * The route of a request for logs and metrics: the path with its ids replaced by `:id`, so that
 * every execution page is one series. Static files count as one route, and so does every path
 * that found nothing (a scanner must not create a series per guess).
 */
export function routeOf(path: string | null, status: number): string {
  if (path === null) return "(invalid)";
  if (path.startsWith("/_next/")) return "/_next/*";
  if (status === 404) return "(not found)";
  const segments = path.split("/").map((s) => (ID_SEGMENT.test(s) ? ":id" : s));
  return segments.join("/").slice(0, 120) || "/";
}
