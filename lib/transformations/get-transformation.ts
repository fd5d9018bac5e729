import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { integrationNotFound } from "@/lib/integrations/errors";
import { versionsWhere } from "./scope";
import { toVersionView, type TransformationState } from "./views";

/** An integration's transformation: the version in use and the saved ones (admins: the code may name internals). */
export async function getTransformation({ ctx, integrationId }: { ctx: Ctx; integrationId: string }): Promise<TransformationState> {
  authorize(ctx, "integrations.manage");
  const id = assertId(integrationId, "Integration");
  const integration = await db.integration.findUnique({ where: { id }, select: { transformationId: true } });
  if (!integration) throw integrationNotFound();
  const versions = await db.transformation.findMany({ where: versionsWhere(id), orderBy: { version: "desc" }, take: 50 });
  const current = integration.transformationId
    ? (versions.find((v) => v.id === integration.transformationId) ??
      (await db.transformation.findUnique({ where: { id: integration.transformationId } })))
    : null;
  return { integrationId: id, current: current ? toVersionView(current) : null, versions: versions.map(toVersionView) };
}
