import { apiRoute } from "@/lib/api/route";
import { rotateSigningSecret } from "@/lib/integrations/rotate-signing-secret";

export const POST = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, params }) =>
  rotateSigningSecret({ ctx, integrationId: params.id }),
);
