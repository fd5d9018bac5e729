import { apiRoute } from "@/lib/api/route";
import { revealSigningSecret } from "@/lib/integrations/reveal-signing-secret";

export const POST = apiRoute<{ id: string }>("integrations.manage", async ({ ctx, params }) =>
  revealSigningSecret({ ctx, integrationId: params.id }),
);
