import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";

const MAX_OPTIONS = 500;

/** The choices of the history filters: integrations by name and users by email. */
export async function listFilterOptions({ ctx }: { ctx: Ctx }) {
  authorize(ctx, "portal.read");
  const [integrations, users] = await Promise.all([
    db.integration.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: MAX_OPTIONS }),
    db.user.findMany({ select: { id: true, email: true }, orderBy: { email: "asc" }, take: MAX_OPTIONS }),
  ]);
  return { integrations, users };
}
export type FilterOptions = Awaited<ReturnType<typeof listFilterOptions>>;
