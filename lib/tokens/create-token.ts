import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { createTokenInput, tokenView, type CreateTokenInput } from "./schemas";
import { generateApiToken } from "./token-hash";

/** Creates a personal API token for the acting user; the token is in the answer, once. */
export async function createToken({ ctx, input }: { ctx: Ctx; input: CreateTokenInput }) {
  authorize(ctx, "tokens.manage");
  const { name } = createTokenInput.parse(input);
  const { token, hash, prefix } = generateApiToken();
  return db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId: ctx.actor.id, name, tokenHash: hash, prefix },
      select: tokenView,
    });
    await recordAudit(tx, ctx, { action: "api_token.created", target: { type: "api_token", id: created.id, label: name } });
    return { ...created, token };
  });
}
