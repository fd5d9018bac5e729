import { notFound } from "next/navigation";
import type { Ctx } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { getIntegration } from "@/lib/integrations/get-integration";

/** The integration of a page's [id], or the not-found page. */
export function loadIntegration(ctx: Ctx, id: string) {
  return getIntegration({ ctx, id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
}
