import { z } from "zod";
import { text } from "@/lib/validation";

export const createTokenInput = z.object({
  name: text().trim().min(1, "Give the token a name").max(80),
});
export type CreateTokenInput = z.infer<typeof createTokenInput>;

export const tokenView = { id: true, name: true, prefix: true, lastUsedAt: true, createdAt: true } as const;
