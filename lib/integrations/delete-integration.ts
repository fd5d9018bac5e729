import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { integrationNotFound } from "./errors";

/**
 * Deletes an integration and (by cascade) its webhook configuration. Its execution history
 * stays readable: messages and attempts keep the integration's name and the URL as sent, and
 * their integrationId is a plain column, not a foreign key.
 */
export async function deleteIntegration({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  authorize(ctx, "integrations.manage");
  assertId(id, "Integration");
  await db.$transaction(async (tx) => {
    const integration = await tx.integration.findUnique({ where: { id }, include: { webhook: { select: { url: true, enabled: true } } } });
    if (!integration) throw integrationNotFound();
    await tx.integration.delete({ where: { id } });
    await recordAudit(tx, ctx, {
      action: "integration.deleted",
      target: { type: "integration", id, label: integration.name },
      before: {
        name: integration.name,
        slug: integration.slug,
        platform: integration.platform,
        description: integration.description,
        webhook: integration.webhook,
      },
    });
  });
}
