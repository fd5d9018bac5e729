/** The request header that names the workspace of the URL (proxy.ts sets it; a client's own is dropped). */
export const WORKSPACE_HEADER = "x-portal-workspace";
/** The request header that tells a page which path and query were asked for, before a rewrite (proxy.ts sets it). */
export const REQUESTED_PATH_HEADER = "x-portal-requested-path";
/** The cookie that remembers the workspace a person last worked in, for URLs that do not name one. */
export const WORKSPACE_COOKIE = "portal-workspace";

/** A page of a workspace: /w/{slug}/… (proxy.ts serves it as the page at /…). */
export const workspacePath = (slug: string, path: string) => `/w/${slug}${path === "/" ? "" : path}`;

/** An operation of the API in a workspace: /api/v1/executions/export → /api/v1/workspaces/{slug}/executions/export. */
export const workspaceApiPath = (slug: string, path: string) => path.replace(/^\/api\/v1(?=[/?]|$)/, `/api/v1/workspaces/${slug}`);

const PREFIX = /^\/w\/[^/?#]+(?=[/?#]|$)/;

/** Whether a path names its workspace (/w/{slug}/…). */
export const namesWorkspace = (path: string) => PREFIX.test(path);

/** The page a path shows, without its workspace: /w/acme/integrations → /integrations. */
export const withoutWorkspace = (path: string) => {
  const rest = path.replace(PREFIX, "");
  return rest.startsWith("/") ? rest : `/${rest}`;
};

/** Where a person starts in a workspace: the overview for its owners and admins, the integrations for members. */
export const workspaceHome = (slug: string, role: string) =>
  workspacePath(slug, role === "owner" || role === "admin" ? "/overview" : "/integrations");

/** The page shown to a signed-in person who belongs to no workspace yet. */
export const NO_WORKSPACE_PATH = "/no-workspace";
