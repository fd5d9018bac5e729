import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db, type Tx } from "@/lib/db";
import { invalid, notFound } from "@/lib/errors";
import { checkCode } from "@/lib/webhooks/transform";
import { lineDiff } from "./diff";
import { getTransformation } from "./get-transformation";
import {
  restoreTransformationInput,
  saveTransformationInput,
  type RestoreTransformationInput,
  type SaveTransformationInput,
} from "./schemas";
import { lockOwner, pointOwner, versionsWhere, type ResolvedOwner, type TransformationOwner } from "./scope";
import type { TransformationState } from "./views";

/**
 * Saves an integration's (or a subscription's) transformation as a new version and puts it in
 * use, from the next message on (messages already recorded keep the body they were given). Code
 * that does not compile is refused with its line. Audited with the diff from the version in use.
 */
export async function saveTransformation({
  ctx,
  input,
  ...owner
}: { ctx: Ctx; input: SaveTransformationInput } & TransformationOwner): Promise<TransformationState> {
  authorize(ctx, "integrations.manage");
  const { code } = saveTransformationInput.parse(input);
  const problem = await checkCode(code);
  if (problem) {
    const where = problem.line === null ? "" : ` (line ${problem.line}${problem.column === null ? "" : `, column ${problem.column}`})`;
    throw invalid(`The code cannot be saved${where}: ${problem.message}`, { code: [`${problem.message}${where}`] });
  }
  await db.$transaction(async (tx) =>
    putInUse(tx, ctx, await lockOwner(tx, owner as TransformationOwner), code, "transformation.saved", null),
  );
  return getTransformation({ ctx, ...(owner as TransformationOwner) });
}

/** Puts an earlier version's code back in use, as a new version (so the history only grows). */
export async function restoreTransformation({
  ctx,
  input,
  ...owner
}: { ctx: Ctx; input: RestoreTransformationInput } & TransformationOwner): Promise<TransformationState> {
  authorize(ctx, "integrations.manage");
  const { version } = restoreTransformationInput.parse(input);
  await db.$transaction(async (tx) => {
    const resolved = await lockOwner(tx, owner as TransformationOwner);
    const earlier = await tx.transformation.findFirst({ where: { ...versionsWhere(resolved), version } });
    if (!earlier) throw notFound(`Version ${version} of this transformation`);
    await putInUse(tx, ctx, resolved, earlier.code, "transformation.restored", version);
  });
  return getTransformation({ ctx, ...(owner as TransformationOwner) });
}

async function putInUse(tx: Tx, ctx: Ctx, owner: ResolvedOwner, code: string, action: string, restoredFrom: number | null) {
  const inUse = owner.transformationId ? await tx.transformation.findUnique({ where: { id: owner.transformationId } }) : null;
  const latest = await tx.transformation.findFirst({
    where: versionsWhere(owner),
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const saved = await tx.transformation.create({
    data: {
      integrationId: owner.integrationId,
      subscriptionId: owner.subscriptionId,
      version: (latest?.version ?? 0) + 1,
      code,
      createdById: ctx.actor.id,
      createdByEmail: ctx.actor.email,
    },
  });
  await pointOwner(tx, owner, saved.id, ctx.actor.id);
  await recordAudit(tx, ctx, {
    action,
    target: { type: "integration", id: owner.integrationId, label: owner.label },
    before: { ...(owner.subscriptionId && { subscriptionId: owner.subscriptionId }), version: inUse?.version ?? null },
    after: {
      ...(owner.subscriptionId && { subscriptionId: owner.subscriptionId }),
      version: saved.version,
      ...(restoredFrom !== null && { restoredFrom }),
      diff: lineDiff(inUse?.code ?? "", code),
    },
  });
}
