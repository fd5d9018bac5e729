"use server";
import { serverAction } from "@/lib/api/action";
import type { SearchFilterOptionsInput } from "@/lib/executions/schemas";
import { searchFilterOptions } from "@/lib/executions/search-filter-options";

/** The options of a filter's pick-list matching what was typed (integrations, users). */
export const searchFilterOptionsAction = serverAction("portal.read", async (ctx, input: SearchFilterOptionsInput) => ({
  options: await searchFilterOptions({ ctx, input }),
}));
