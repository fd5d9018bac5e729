import { apiRoute, readQuery } from "@/lib/api/route";
import { listMembers } from "@/lib/members/list-members";
import { pageParams } from "@/lib/pagination";

export const GET = apiRoute("users.manage", async ({ ctx, request }) => listMembers({ ctx, page: readQuery(request, pageParams) }));
