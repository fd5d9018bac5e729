"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/api/action";
import { createToken } from "@/lib/tokens/create-token";
import { revokeToken } from "@/lib/tokens/revoke-token";
import type { CreateTokenInput } from "@/lib/tokens/schemas";

export const createTokenAction = serverAction("tokens.manage", async (ctx, input: CreateTokenInput) => {
  const token = await createToken({ ctx, input });
  revalidatePath("/account/tokens");
  return { token };
});

export const revokeTokenAction = serverAction("tokens.manage", async (ctx, input: { id: string }) => {
  await revokeToken({ ctx, id: input.id });
  revalidatePath("/account/tokens");
  revalidatePath("/admin/tokens");
});
