import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db, type Tx } from "@/lib/db";
import { slugTaken } from "./errors";
import { assertWithinLimits } from "./limits";
import { createIntegrationInput, type CreateIntegrationInput } from "./schemas";
import { isUniqueViolation, slugFromName } from "./slug";
import { integrationFields, toIntegrationView, type IntegrationView } from "./views";

export interface CreateIntegrationResult {
  integration: IntegrationView;
  /** False when the workspace's plan allows one integration per connector type and one of this type existed: it was updated instead. */
  created: boolean;
}

/**
 * Creates an integration; without a slug, one is derived from the name. Refused beyond the
 * workspace's plan: `plan_required` for a connector type the plan leaves out (naming the cheapest
 * plan that includes it), `limit_reached` beyond its limits. On a plan with one integration per
 * connector type, creating a second one of a type that exists updates the existing one (its name,
 * platform, description, and slug when one is given) and answers it.
 */
export async function createOrUpdateIntegration({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: CreateIntegrationInput;
}): Promise<CreateIntegrationResult> {
  authorize(ctx, "integrations.manage");
  const data = createIntegrationInput.parse(input);
  const slug = data.slug ?? slugFromName(data.name);
  const workspaceId = ctx.workspace!.id;

  return db
    .$transaction(async (tx) => {
      const usage = await assertWithinLimits(tx, workspaceId, data.connectorType);
      if (usage.plan.onePerConnectorType && usage.perType[data.connectorType].used > 0) {
        return { integration: await updateExisting(tx, ctx, data), created: false };
      }
      const taken = await tx.integration.findFirst({ where: { slug }, select: { id: true } });
      if (taken) throw slugTaken(slug);
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
      return { integration: toIntegrationView(created), created: true };
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? slugTaken(slug) : error;
    });
}

/** createOrUpdateIntegration for callers that only need the integration. */
export async function createIntegration(args: { ctx: Ctx; input: CreateIntegrationInput }): Promise<IntegrationView> {
  return (await createOrUpdateIntegration(args)).integration;
}

type Parsed = ReturnType<typeof createIntegrationInput.parse>;

/** The seed's upsert: the workspace's integration of this connector type takes what was sent. */
async function updateExisting(tx: Tx, ctx: Ctx, data: Parsed): Promise<IntegrationView> {
  const before = await tx.integration.findFirstOrThrow({
    where: { connectorType: data.connectorType },
    orderBy: { createdAt: "asc" },
    select: integrationFields,
  });
  const wanted = { name: data.name, platform: data.platform, description: data.description, ...(data.slug && { slug: data.slug }) };
  const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((k) => wanted[k] !== before[k]);
  if (changed.length === 0) return toIntegrationView(before);
  if (wanted.slug && changed.includes("slug")) {
    const taken = await tx.integration.findFirst({ where: { slug: wanted.slug }, select: { id: true } });
    if (taken) throw slugTaken(wanted.slug);
  }
  const after = await tx.integration.update({
    where: { id: before.id },
    data: { ...wanted, updatedById: ctx.actor.id },
    select: integrationFields,
  });
  await recordAudit(tx, ctx, {
    action: "integration.updated",
    target: { type: "integration", id: before.id, label: after.name },
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: { ...Object.fromEntries(changed.map((k) => [k, after[k]])), reason: "one integration per connector type: created again" },
  });
  return toIntegrationView(after);
}
