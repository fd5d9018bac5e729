import { apiRoute, created, readJson, readQuery } from "@/lib/api/route";
import { createIntegration } from "@/lib/integrations/create-integration";
import { listIntegrations } from "@/lib/integrations/list-integrations";
import { createIntegrationInput, listIntegrationsQuery } from "@/lib/integrations/schemas";

export const GET = apiRoute("portal.read", async ({ ctx, request }) =>
  listIntegrations({ ctx, query: readQuery(request, listIntegrationsQuery) }),
);

export const POST = apiRoute("integrations.manage", async ({ ctx, request }) =>
  created(await createIntegration({ ctx, input: await readJson(request, createIntegrationInput) })),
);
