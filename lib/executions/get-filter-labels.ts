import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/ids";
import { filterLabelsInput, type FilterLabelsInput } from "./schemas";

/**
 * The names the filters show for the ids in the URL (integration name, user email), by id. An id
 * that names nothing is left out: its filter shows the id itself.
 */
export async function getFilterLabels({ ctx, input }: { ctx: Ctx; input: FilterLabelsInput }): Promise<Record<string, string>> {
  authorize(ctx, "portal.read");
  const { integrationIds, userIds } = filterLabelsInput.parse(input);
  const [integrations, users] = await Promise.all([
    db.integration.findMany({ where: { id: { in: integrationIds.filter(isUuid) } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: userIds.filter(isUuid) } }, select: { id: true, email: true } }),
  ]);
  return Object.fromEntries([...integrations.map((i) => [i.id, i.name]), ...users.map((u) => [u.id, u.email])]);
}
