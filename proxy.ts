import { NextResponse, type NextRequest } from "next/server";
import { allowedMethods } from "@/lib/api/allowed-methods";
import { isAllowedActionOrigin } from "@/lib/auth/origin";
import { logger } from "@/lib/log";

/** The request header that tells a page which path was asked for (lib/auth/page-ctx.ts). */
const REQUESTED_PATH_HEADER = "x-portal-requested-path";

/**
 * Refuses a server action called from another origin (or an opaque one) with 403 and one log
 * line, where Next would answer 500 and log a stack. Passes the requested path and query to
 * server pages, so that a signed-out visit to a page can send the person back there after
 * sign-in. Whatever a client sends in that header is replaced; the sign-in page checks the path
 * is the portal's own anyway.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/")) return apiMethodCheck(request);
  if (request.method === "POST" && request.headers.has("next-action") && !isAllowedActionOrigin(request.headers)) {
    logger().warn(
      { path: request.nextUrl.pathname, origin: request.headers.get("origin")?.slice(0, 200) ?? null },
      "server action refused: the request does not come from a page of the portal",
    );
    return NextResponse.json(
      { error: { code: "forbidden", message: "This action can only be called from the portal's own pages." } },
      { status: 403 },
    );
  }
  if (request.nextUrl.pathname.startsWith("/sign-in")) return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

/**
 * A method that a path of the API does not answer: 405 with Allow and the API's JSON error,
 * where Next would answer with an empty body. Paths the API does not have are answered 404 by
 * app/api/v1/[...path]/route.ts.
 */
function apiMethodCheck(request: NextRequest) {
  const allowed = allowedMethods(request.nextUrl.pathname);
  if (!allowed || request.method === "OPTIONS" || allowed.includes(request.method)) return NextResponse.next();
  return NextResponse.json(
    {
      error: {
        code: "method_not_allowed",
        message: `${request.method} is not an operation of this path. It answers ${allowed.join(", ")}.`,
      },
    },
    { status: 405, headers: { Allow: allowed.join(", ") } },
  );
}

export const config = { matcher: ["/api/v1/:path*", "/((?!api/|_next/|favicon).*)"] };
