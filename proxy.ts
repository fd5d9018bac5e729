import { NextResponse, type NextRequest } from "next/server";
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

export const config = { matcher: ["/((?!api/|_next/|favicon).*)"] };
