import { apiRoute, created, readJson, readQuery } from "@/lib/api/route";
import { pageParams } from "@/lib/pagination";
import { createToken } from "@/lib/tokens/create-token";
import { listTokens } from "@/lib/tokens/list-tokens";
import { createTokenInput } from "@/lib/tokens/schemas";

export const GET = apiRoute("tokens.manage", async ({ ctx, request }) => listTokens({ ctx, page: readQuery(request, pageParams) }));

export const POST = apiRoute("tokens.manage", async ({ ctx, request }) =>
  created(await createToken({ ctx, input: await readJson(request, createTokenInput) })),
);
