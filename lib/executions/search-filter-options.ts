import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { searchFilterOptionsInput, type SearchFilterOptionsInput } from "./schemas";

export interface FilterOption {
  value: string;
  label: string;
  /** A second line: the integration's slug, the user's name. */
  detail?: string;
}

/** At most this many options per answer: the pick-list narrows as one types. */
export const FILTER_OPTIONS_LIMIT = 20;

/**
 * The options of a history filter's pick-list that match what was typed: integrations by name or
 * slug, users by email or name (any case, anywhere in the text), the first 20 in order.
 */
export async function searchFilterOptions({ ctx, input }: { ctx: Ctx; input: SearchFilterOptionsInput }): Promise<FilterOption[]> {
  authorize(ctx, "portal.read");
  const { field, q } = searchFilterOptionsInput.parse(input);
  const contains = q ? { contains: escapeLike(q), mode: "insensitive" as const } : undefined;
  if (field === "integration") {
    const rows = await db.integration.findMany({
      where: contains && { OR: [{ name: contains }, { slug: contains }] },
      select: { id: true, name: true, slug: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: FILTER_OPTIONS_LIMIT,
    });
    return rows.map((i) => ({ value: i.id, label: i.name, detail: i.slug }));
  }
  const rows = await db.user.findMany({
    where: contains && { OR: [{ email: contains }, { name: contains }] },
    select: { id: true, email: true, name: true },
    orderBy: [{ email: "asc" }, { id: "asc" }],
    take: FILTER_OPTIONS_LIMIT,
  });
  return rows.map((u) => ({ value: u.id, label: u.email, detail: u.name }));
}

/** Prisma passes `contains` to ILIKE as is: make % and _ match themselves (backslash is the escape character). */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, "\\$&");
