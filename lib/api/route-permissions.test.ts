// A permission is declared once per operation, in lib/<domain>/openapi.ts: the OpenAPI security
// text and the authorization matrix's expectations (e2e/authz-expectations.ts) are built from it,
// and every route handler must ask apiRoute for exactly that permission.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_OPERATIONS } from "./openapi";

const ROOT = path.join(import.meta.dirname, "..", "..", "app", "api", "v1");

function routePermissions(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = ("/api/v1/" + path.relative(ROOT, dir).replace(/\[(\w+)\]/g, "{$1}")).replace(/\/$/, "");
        for (const [, method, permission] of readFileSync(full, "utf8").matchAll(
          /export const (GET|POST|PUT|PATCH|DELETE)\s*=\s*apiRoute(?:OrPublic)?(?:<[^>]*>)?\(\s*"([\w.]+)"/g,
        )) {
          found.set(`${method.toLowerCase()} ${route}`, permission);
        }
      }
    }
  };
  walk(ROOT);
  return found;
}

describe("permissions", () => {
  it("every route handler requires the permission its operation declares", () => {
    const routes = routePermissions();
    const disagreeing = API_OPERATIONS.filter((o) => routes.get(`${o.method} ${o.path}`) !== o.permission).map(
      (o) => `${o.method} ${o.path}: declared ${o.permission}, route asks ${routes.get(`${o.method} ${o.path}`) ?? "(not found)"}`,
    );
    expect(disagreeing).toEqual([]);
  });
});
