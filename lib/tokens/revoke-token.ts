import { recordAudit } from "@/lib/audit";
import { authorize, isAllowed, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { notFound } from "@/lib/errors";

/**
 * Revokes a token: one of the acting user's own, or — for an admin — anyone's. To anyone else
 * another user's token is "not found".
 */
export async function revokeToken({ ctx, id }: { ctx: Ctx; id: string }) {
  authorize(ctx, "tokens.manage");
  assertId(id, "Token");
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, revokedAt: null }, include: { user: { select: { email: true } } } });
    const own = token?.userId === ctx.actor.id;
    if (!token || (!own && !isAllowed(ctx, "users.manage"))) throw notFound("Token");
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: "api_token.revoked",
      target: { type: "api_token", id, label: token.name },
      after: { prefix: token.prefix, ...(!own && { owner: token.user.email }) },
    });
  });
}
