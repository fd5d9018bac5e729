import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { readOwner, versionsWhere, type TransformationOwner } from "./scope";
import { toVersionView, type TransformationState } from "./views";

/**
 * An integration's (or a subscription's) transformation: the version in use and the saved ones.
 * Admins only: the code may name internals.
 */
export async function getTransformation({ ctx, ...owner }: { ctx: Ctx } & TransformationOwner): Promise<TransformationState> {
  authorize(ctx, "integrations.manage");
  const resolved = await readOwner(db, owner as TransformationOwner);
  const versions = await db.transformation.findMany({ where: versionsWhere(resolved), orderBy: { version: "desc" }, take: 50 });
  const current = resolved.transformationId
    ? (versions.find((v) => v.id === resolved.transformationId) ??
      (await db.transformation.findUnique({ where: { id: resolved.transformationId } })))
    : null;
  return {
    integrationId: resolved.integrationId,
    subscriptionId: resolved.subscriptionId,
    current: current ? toVersionView(current) : null,
    versions: versions.map(toVersionView),
  };
}
