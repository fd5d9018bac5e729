import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { integrationNotFound, slugTaken } from "./errors";
import { invalid } from "@/lib/errors";
import { assertWithinLimits } from "./limits";
import { resolveConnector, updateIntegrationInput, type UpdateIntegrationInput } from "./schemas";
import { restoreUrlFor } from "./internal/webhook-secrets";
import { isUniqueViolation } from "./slug";
import { integrationFields, toIntegrationView, type IntegrationView } from "./views";

const EDITABLE = ["name", "slug", "platform", "connectorType", "description"] as const;

/**
 * Changes an integration's name, slug, platform, connector type or description; audits what
 * changed. A new connector type counts against the workspace plan's limits, and the webhook URL is stored the
 * way the new type keeps it (encrypted where it carries a secret).
 */
export async function updateIntegration({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: UpdateIntegrationInput;
}): Promise<IntegrationView> {
  authorize(ctx, "integrations.manage");
  assertId(id, "Integration");
  const changes = updateIntegrationInput.parse(input);

  return db
    .$transaction(async (tx) => {
      const before = await tx.integration.findUnique({ where: { id }, select: integrationFields });
      if (!before) throw integrationNotFound();
      if (changes.platform !== undefined || changes.connectorType !== undefined) {
        // A type given alone implies its platform; a platform given alone keeps a standard type.
        const current = toIntegrationView(before);
        const resolved = resolveConnector({
          connectorType:
            changes.connectorType ?? (changes.platform && current.connectorType !== "standard" ? undefined : current.connectorType),
          platform: changes.platform ?? (changes.connectorType && changes.connectorType !== "standard" ? undefined : current.platform),
        });
        if (!resolved.ok) throw invalid(resolved.message, { [resolved.field]: [resolved.message] });
        changes.platform = resolved.platform;
        changes.connectorType = resolved.connectorType;
      }
      const changed = EDITABLE.filter((key) => changes[key] !== undefined && changes[key] !== before[key]);
      if (changed.length === 0) return toIntegrationView(before);
      if (changes.slug && changed.includes("slug")) {
        const taken = await tx.integration.findFirst({ where: { slug: changes.slug }, select: { id: true } });
        if (taken) throw slugTaken(changes.slug);
      }
      if (changes.connectorType && changed.includes("connectorType"))
        await assertWithinLimits(tx, ctx.workspace!.id, changes.connectorType, { adding: false });
      const after = await tx.integration.update({
        where: { id },
        data: { ...changes, updatedById: ctx.actor.id },
        select: integrationFields,
      });
      if (changed.includes("connectorType")) await restoreUrlFor(tx, id, toIntegrationView(after).connectorType);
      await recordAudit(tx, ctx, {
        action: "integration.updated",
        target: { type: "integration", id, label: after.name },
        before: pick(before, changed),
        after: pick(after, changed),
      });
      return toIntegrationView(after);
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) && changes.slug ? slugTaken(changes.slug) : error;
    });
}

const pick = <T extends object>(o: T, keys: readonly (keyof T)[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));
