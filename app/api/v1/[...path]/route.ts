import { errorResponse } from "@/lib/api/route";
import { AppError } from "@/lib/errors";

/**
 * Any path under /api/v1 that no route serves: the API's own JSON 404, like every other error of
 * the API (Next would answer its HTML page). A wrong method on a path that does exist is answered
 * 405 by proxy.ts.
 */
const notFound = async (request: Request) =>
  errorResponse(
    new AppError(
      "not_found",
      `There is no API operation at ${new URL(request.url).pathname}. See /api/v1/openapi.json for the operations.`,
    ),
  );

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
