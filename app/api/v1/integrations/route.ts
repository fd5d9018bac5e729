import { apiRoute, created, readJson, readQuery } from "@/lib/api/route";
import { createOrUpdateIntegration } from "@/lib/integrations/create-integration";
import { listIntegrations } from "@/lib/integrations/list-integrations";
import { createIntegrationInput, listIntegrationsQuery } from "@/lib/integrations/schemas";

export const GET = apiRoute("portal.read", async ({ ctx, request }) =>
  listIntegrations({ ctx, query: readQuery(request, listIntegrationsQuery) }),
);

// 201 with the new integration; 200 with the existing one, updated, on a plan with one integration per connector type.
export const POST = apiRoute("integrations.manage", async ({ ctx, request }) => {
  const result = await createOrUpdateIntegration({ ctx, input: await readJson(request, createIntegrationInput) });
  return result.created ? created(result.integration) : result.integration;
});
