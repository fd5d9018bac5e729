import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { slugTaken } from "./errors";
import { assertWithinLimits } from "./limits";
import { createIntegrationInput, type CreateIntegrationInput } from "./schemas";
import { isUniqueViolation, slugFromName } from "./slug";
import { integrationFields, toIntegrationView, type IntegrationView } from "./views";

/**
 * Creates an integration; without a slug, one is derived from the name. Refused with
 * `limit_reached` beyond PORTAL_MAX_INTEGRATIONS or its connector type's limit.
 */
export async function createIntegration({ ctx, input }: { ctx: Ctx; input: CreateIntegrationInput }): Promise<IntegrationView> {
  authorize(ctx, "integrations.manage");
  const data = createIntegrationInput.parse(input);
  const slug = data.slug ?? slugFromName(data.name);

  const existing = await db.integration.findFirst({ where: { slug }, select: { id: true } });
  if (existing) throw slugTaken(slug);

  return db
    .$transaction(async (tx) => {
      await assertWithinLimits(tx, data.connectorType);
      const created = await tx.integration.create({
        data: {
          name: data.name,
          slug,
          platform: data.platform,
          connectorType: data.connectorType,
          description: data.description,
          createdById: ctx.actor.id,
          updatedById: ctx.actor.id,
        },
        select: integrationFields,
      });
      await recordAudit(tx, ctx, {
        action: "integration.created",
        target: { type: "integration", id: created.id, label: created.name },
        after: {
          name: created.name,
          slug,
          platform: created.platform,
          connectorType: created.connectorType,
          description: created.description,
        },
      });
      return toIntegrationView(created);
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? slugTaken(slug) : error;
    });
}
