import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { grantableScopes } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError, invalid } from "@/lib/errors";
import { createTokenInput, tokenView, type CreateTokenInput } from "./schemas";
import { generateApiToken } from "./token-hash";

/**
 * Creates a personal API token for the acting user; the token is in the answer, once. Its scopes
 * are those the user may hold now (and, when a token creates it, no more than that token has, and
 * it expires no later than that token does).
 */
export async function createToken({ ctx, input }: { ctx: Ctx; input: CreateTokenInput }) {
  authorize(ctx, "tokens.manage");
  const { name, scopes, expiresAt } = createTokenInput.parse(input);
  const grantable = grantableScopes(ctx.actor).filter((s) => !ctx.token || ctx.token.scopes.includes(s));
  const refused = scopes.filter((s) => !grantable.includes(s));
  if (refused.length > 0) {
    throw new AppError(
      "forbidden",
      `You cannot give a token the ${refused.map((s) => `"${s}"`).join(", ")} scope: it would do more than you can.`,
      {
        scopes: [`Not yours to grant: ${refused.join(", ")}`],
      },
    );
  }
  const limit = ctx.token?.expiresAt;
  if (limit && (!expiresAt || expiresAt > limit)) {
    throw invalid("A token cannot outlive the token that creates it.", { expiresAt: [`Choose a time before ${limit.toISOString()}`] });
  }
  const { token, hash, prefix } = generateApiToken();
  return db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId: ctx.actor.id, name, tokenHash: hash, prefix, scopes, expiresAt: expiresAt ?? null },
      select: tokenView,
    });
    await recordAudit(tx, ctx, {
      action: "api_token.created",
      target: { type: "api_token", id: created.id, label: name },
      after: { name, prefix, scopes, expiresAt: created.expiresAt },
    });
    return { ...created, token };
  });
}
