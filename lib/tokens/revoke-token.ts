import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { notFound } from "@/lib/errors";

/** Revokes one of the acting user's tokens; another user's token is "not found". */
export async function revokeToken({ ctx, id }: { ctx: Ctx; id: string }) {
  authorize(ctx, "tokens.manage");
  assertId(id, "Token");
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, userId: ctx.actor.id, revokedAt: null } });
    if (!token) throw notFound("Token");
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "api_token.revoked", target: { type: "api_token", id, label: token.name } });
  });
}
