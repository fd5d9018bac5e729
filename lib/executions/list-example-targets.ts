import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";

/** The integrations an admin can send an event type's example to: every one with a webhook (disabled too, like a test), by name. */
export async function listExampleTargets({ ctx }: { ctx: Ctx }) {
  authorize(ctx, "integrations.manage");
  return db.integration.findMany({
    where: { webhook: { isNot: null } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, connectorType: true },
    take: 500,
  });
}
