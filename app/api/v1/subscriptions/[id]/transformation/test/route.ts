import { apiRoute, readJson } from "@/lib/api/route";
import { testTransformationInput } from "@/lib/transformations/schemas";
import { testTransformation } from "@/lib/transformations/test-transformation";

export const POST = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, request, params }) =>
  testTransformation({ ctx, subscriptionId: params.id, input: await readJson(request, testTransformationInput) }),
);
