import { NextResponse, type NextRequest } from "next/server";

/** The request header that tells a page which path was asked for (lib/auth/page-ctx.ts). */
const REQUESTED_PATH_HEADER = "x-portal-requested-path";

/**
 * Passes the requested path and query to server pages, so that a signed-out visit to a page
 * can send the person back there after sign-in. Whatever a client sends in that header is
 * replaced; the sign-in page checks the path is the portal's own anyway.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!api/|_next/|sign-in|favicon).*)"] };
