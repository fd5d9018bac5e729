/** The request header that names the workspace of the URL (proxy.ts sets it; a client's own is dropped). */
export const WORKSPACE_HEADER = "x-portal-workspace";
/** The cookie that remembers the workspace a person last worked in, for URLs that do not name one. */
export const WORKSPACE_COOKIE = "portal-workspace";

/** A page of a workspace: /w/{slug}/… (proxy.ts serves it as the page at /…). */
export const workspacePath = (slug: string, path: string) => `/w/${slug}${path === "/" ? "" : path}`;
