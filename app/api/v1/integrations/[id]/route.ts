import { apiRoute, readJson } from "@/lib/api/route";
import { deleteIntegration } from "@/lib/integrations/delete-integration";
import { getIntegration } from "@/lib/integrations/get-integration";
import { updateIntegrationInput } from "@/lib/integrations/schemas";
import { updateIntegration } from "@/lib/integrations/update-integration";

export const GET = apiRoute<{ id: string }>("portal.read", async ({ ctx, params }) => getIntegration({ ctx, id: params.id }));

export const PATCH = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, request, params }) =>
  updateIntegration({ ctx, id: params.id, input: await readJson(request, updateIntegrationInput) }),
);

export const DELETE = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, params }) => {
  await deleteIntegration({ ctx, id: params.id });
});
