import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { integrationNotFound, slugTaken } from "./errors";
import { updateIntegrationInput, type UpdateIntegrationInput } from "./schemas";
import { isUniqueViolation } from "./slug";
import { integrationFields, toIntegrationView, type IntegrationView } from "./views";

const EDITABLE = ["name", "slug", "platform", "description"] as const;

/** Changes an integration's name, slug, platform or description; audits what changed. */
export async function updateIntegration({ ctx, id, input }: { ctx: Ctx; id: string; input: UpdateIntegrationInput }): Promise<IntegrationView> {
  authorize(ctx, "integrations.manage");
  assertId(id, "Integration");
  const changes = updateIntegrationInput.parse(input);

  return db
    .$transaction(async (tx) => {
      const before = await tx.integration.findUnique({ where: { id }, select: integrationFields });
      if (!before) throw integrationNotFound();
      const changed = EDITABLE.filter((key) => changes[key] !== undefined && changes[key] !== before[key]);
      if (changed.length === 0) return toIntegrationView(before);
      if (changes.slug && changed.includes("slug")) {
        const taken = await tx.integration.findUnique({ where: { slug: changes.slug }, select: { id: true } });
        if (taken) throw slugTaken(changes.slug);
      }
      const after = await tx.integration.update({ where: { id }, data: { ...changes, updatedById: ctx.actor.id }, select: integrationFields });
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
