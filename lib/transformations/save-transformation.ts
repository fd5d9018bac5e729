import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db, type Tx } from "@/lib/db";
import { invalid, notFound } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { lockIntegration } from "@/lib/integrations/lock";
import { checkCode } from "@/lib/webhooks/transform";
import { lineDiff } from "./diff";
import { getTransformation } from "./get-transformation";
import {
  restoreTransformationInput,
  saveTransformationInput,
  type RestoreTransformationInput,
  type SaveTransformationInput,
} from "./schemas";
import { versionsWhere } from "./scope";
import type { TransformationState } from "./views";

/**
 * Saves an integration's transformation as a new version and puts it in use, from the next
 * message on (messages already recorded keep the body they were given). Code that does not compile
 * is refused with its line. Audited with the diff from the version in use.
 */
export async function saveTransformation({
  ctx,
  integrationId,
  input,
}: {
  ctx: Ctx;
  integrationId: string;
  input: SaveTransformationInput;
}): Promise<TransformationState> {
  authorize(ctx, "integrations.manage");
  const id = assertId(integrationId, "Integration");
  const { code } = saveTransformationInput.parse(input);
  const problem = await checkCode(code);
  if (problem) {
    const where = problem.line === null ? "" : ` (line ${problem.line}${problem.column === null ? "" : `, column ${problem.column}`})`;
    throw invalid(`The code cannot be saved${where}: ${problem.message}`, { code: [`${problem.message}${where}`] });
  }
  await db.$transaction((tx) => putInUse(tx, ctx, id, code, "transformation.saved", null));
  return getTransformation({ ctx, integrationId: id });
}

/** Puts an earlier version's code back in use, as a new version (so the history only grows). */
export async function restoreTransformation({
  ctx,
  integrationId,
  input,
}: {
  ctx: Ctx;
  integrationId: string;
  input: RestoreTransformationInput;
}): Promise<TransformationState> {
  authorize(ctx, "integrations.manage");
  const id = assertId(integrationId, "Integration");
  const { version } = restoreTransformationInput.parse(input);
  await db.$transaction(async (tx) => {
    await lockIntegration(tx, id);
    const earlier = await tx.transformation.findFirst({ where: { ...versionsWhere(id), version } });
    if (!earlier) throw notFound(`Version ${version} of this transformation`);
    await putInUse(tx, ctx, id, earlier.code, "transformation.restored", version);
  });
  return getTransformation({ ctx, integrationId: id });
}

async function putInUse(tx: Tx, ctx: Ctx, integrationId: string, code: string, action: string, restoredFrom: number | null) {
  const name = await lockIntegration(tx, integrationId);
  const integration = await tx.integration.findUniqueOrThrow({ where: { id: integrationId }, select: { transformationId: true } });
  const inUse = integration.transformationId ? await tx.transformation.findUnique({ where: { id: integration.transformationId } }) : null;
  const latest = await tx.transformation.findFirst({
    where: versionsWhere(integrationId),
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const saved = await tx.transformation.create({
    data: {
      integrationId,
      subscriptionId: null,
      version: (latest?.version ?? 0) + 1,
      code,
      createdById: ctx.actor.id,
      createdByEmail: ctx.actor.email,
    },
  });
  await tx.integration.update({ where: { id: integrationId }, data: { transformationId: saved.id, updatedById: ctx.actor.id } });
  await recordAudit(tx, ctx, {
    action,
    target: { type: "integration", id: integrationId, label: name },
    before: inUse ? { version: inUse.version } : { version: null },
    after: { version: saved.version, ...(restoredFrom !== null && { restoredFrom }), diff: lineDiff(inUse?.code ?? "", code) },
  });
}
