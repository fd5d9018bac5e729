import { apiRoute, readJson } from "@/lib/api/route";
import { restoreTransformation } from "@/lib/transformations/save-transformation";
import { restoreTransformationInput } from "@/lib/transformations/schemas";

export const POST = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, request, params }) =>
  restoreTransformation({ ctx, integrationId: params.id, input: await readJson(request, restoreTransformationInput) }),
);
