import { OPERATION_IDS } from "./operation-ids";

/** Every documented path of /api/v1 with its methods, and the document's own. */
const TEMPLATES = (() => {
  const methods = new Map<string, string[]>([["/api/v1/openapi.json", ["GET"]]]);
  for (const key of Object.keys(OPERATION_IDS)) {
    const [method, path] = key.split(" ");
    methods.set(path, [...(methods.get(path) ?? []), method.toUpperCase()]);
  }
  return [...methods]
    .map(([template, allowed]) => ({
      pattern: new RegExp(`^${template.replace(/\./g, "\\.").replace(/\{\w+\}/g, "[^/]+")}/?$`),
      // Literal paths first: /executions/export is not /executions/{id}.
      params: (template.match(/\{/g) ?? []).length,
      allowed: allowed.includes("GET") ? [...allowed, "HEAD"] : allowed,
    }))
    .sort((a, b) => a.params - b.params);
})();

/**
 * The methods a path of the API answers (with HEAD where GET is, as Next serves it), or null
 * for a path the API does not have.
 */
export function allowedMethods(pathname: string): string[] | null {
  return TEMPLATES.find((t) => t.pattern.test(pathname))?.allowed ?? null;
}
