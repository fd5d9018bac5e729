import { apiRoute, readJson } from "@/lib/api/route";
import { getTransformation } from "@/lib/transformations/get-transformation";
import { removeTransformation } from "@/lib/transformations/remove-transformation";
import { saveTransformation } from "@/lib/transformations/save-transformation";
import { saveTransformationInput } from "@/lib/transformations/schemas";

export const GET = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, params }) =>
  getTransformation({ ctx, integrationId: params.id }),
);

export const PUT = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, request, params }) =>
  saveTransformation({ ctx, integrationId: params.id, input: await readJson(request, saveTransformationInput) }),
);

export const DELETE = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, params }) =>
  removeTransformation({ ctx, integrationId: params.id }),
);
