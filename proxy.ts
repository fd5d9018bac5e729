import { NextResponse, type NextRequest } from "next/server";
import { allowedMethods } from "@/lib/api/allowed-methods";
import { isAllowedActionOrigin } from "@/lib/auth/origin";
import { logger } from "@/lib/log";
import { REQUESTED_PATH_HEADER, WORKSPACE_COOKIE, WORKSPACE_HEADER } from "@/lib/workspaces/request-names";

/**
 * Refuses a server action called from another origin (or an opaque one) with 403 and one log
 * line, where Next would answer 500 and log a stack. Passes the requested path and query to
 * server pages, so that a signed-out visit to a page can send the person back there after
 * sign-in. Whatever a client sends in that header is replaced; the sign-in page checks the path
 * is the portal's own anyway.
 */
export function proxy(request: NextRequest) {
  // Only this file names a request's workspace: whatever a client sends in the header is dropped.
  const headers = new Headers(request.headers);
  headers.delete(WORKSPACE_HEADER);
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/")) {
    const named = pathname.match(API_IN_WORKSPACE);
    if (!named) return apiMethodCheck(request, pathname, NextResponse.next({ request: { headers } }));
    // /api/v1/workspaces/{slug}/… is the operation at /api/v1/… in that workspace.
    headers.set(WORKSPACE_HEADER, named[1]);
    const url = request.nextUrl.clone();
    url.pathname = `/api/v1${named[2]}`;
    return apiMethodCheck(request, url.pathname, NextResponse.rewrite(url, { request: { headers } }));
  }
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
  if (pathname.startsWith("/sign-in")) return NextResponse.next({ request: { headers } });
  headers.set(REQUESTED_PATH_HEADER, `${pathname}${request.nextUrl.search}`);
  const named = pathname.match(PAGE_IN_WORKSPACE);
  if (!named) return NextResponse.next({ request: { headers } });
  // /w/{slug}/… is the page at /… in that workspace; the workspace is remembered for URLs without one.
  headers.set(WORKSPACE_HEADER, named[1]);
  const url = request.nextUrl.clone();
  url.pathname = named[2] || "/";
  const response = NextResponse.rewrite(url, { request: { headers } });
  response.cookies.set(WORKSPACE_COOKIE, named[1], { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });
  return response;
}

const SLUG = "([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)";
const API_IN_WORKSPACE = new RegExp(`^/api/v1/workspaces/${SLUG}(/.+)$`);
const PAGE_IN_WORKSPACE = new RegExp(`^/w/${SLUG}(/.*)?$`);

/**
 * A method that a path of the API does not answer: 405 with Allow and the API's JSON error,
 * where Next would answer with an empty body. Paths the API does not have are answered 404 by
 * app/api/v1/[...path]/route.ts.
 */
function apiMethodCheck(request: NextRequest, pathname: string, pass: NextResponse) {
  const allowed = allowedMethods(pathname);
  if (!allowed || request.method === "OPTIONS" || allowed.includes(request.method)) return pass;
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
