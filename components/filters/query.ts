import { ZodError, z } from "zod";
import { AppError } from "@/lib/errors";

export type SearchParams = Record<string, string | string[] | undefined>;

/** The page's query string as single values (the first of a repeated name). */
export const singleValues = (params: SearchParams): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

/**
 * Runs a list verb; a query string it refuses (edited by hand, an old cursor) becomes a
 * `problem` to show beside the filters instead of an error page.
 */
export async function loadOrProblem<T>(load: () => Promise<T>): Promise<{ page: T } | { problem: string }> {
  try {
    return { page: await load() };
  } catch (error) {
    if (error instanceof AppError && error.code === "validation_failed") return { problem: error.message };
    if (error instanceof ZodError) {
      const fieldErrors: Record<string, string[] | undefined> = z.flattenError(error).fieldErrors;
      return {
        problem:
          Object.entries(fieldErrors)
            .map(([name, messages]) => `${name}: ${messages?.[0]}.`)
            .join(" ") || "Some filters are not valid: change or clear them.",
      };
    }
    throw error;
  }
}

/** The `key` of a filter form: its fields' values in the URL, so it starts afresh when they change. */
export const filtersKey = (names: readonly string[], query: Record<string, string | undefined>) =>
  names.map((n) => query[n] ?? "").join("|");
