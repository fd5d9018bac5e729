import { apiRoute, readQuery } from "@/lib/api/route";
import { pageParams } from "@/lib/pagination";
import { listAllTokens } from "@/lib/tokens/list-all-tokens";

export const GET = apiRoute("users.manage", async ({ ctx, request }) => listAllTokens({ ctx, page: readQuery(request, pageParams) }));
