import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiRoute } from "@/lib/api/route";
import { env, portalOrigin } from "@/lib/env";
import { loadWebhooksSection } from "@/lib/event-types/openapi-webhooks";

export const GET = apiRoute("portal.read", async ({ ctx }) =>
  buildOpenApiDocument(`${env().PORTAL_NAME} API`, { serverUrl: portalOrigin(), webhooks: await loadWebhooksSection({ ctx }) }),
);
