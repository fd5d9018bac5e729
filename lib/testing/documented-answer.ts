import { buildOpenApiDocument } from "@/lib/api/openapi";
import { openApiAnswerChecker } from "./openapi-answers";

let checker: ReturnType<typeof openApiAnswerChecker> | undefined;

/**
 * Throws when a route handler's answer is not what the OpenAPI document says (status, headers,
 * content type, body schema). Route tests pass every answer they receive through it.
 */
export async function expectDocumentedAnswer(request: Request, response: Response): Promise<void> {
  checker ??= openApiAnswerChecker(buildOpenApiDocument("Test API"));
  const body = await response.clone().text();
  const problems = await checker.check({
    method: request.method,
    url: request.url,
    status: response.status,
    headers: response.headers,
    body,
  });
  if (problems.length > 0) throw new Error(`The answer does not fit the OpenAPI document:\n${problems.join("\n")}\n${body.slice(0, 500)}`);
}
