import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiRoute } from "@/lib/api/route";
import { env, portalOrigin } from "@/lib/env";

export const GET = apiRoute("portal.read", async () => buildOpenApiDocument(`${env().PORTAL_NAME} API`, { serverUrl: portalOrigin() }));
