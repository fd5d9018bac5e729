/** How an API token is named where it acted (audit log, execution history): never its secret. */
export interface TokenLabel {
  id: string;
  name: string;
  prefix: string;
}

/** Reads the stored {id, name, prefix} of a JSON column; null when there is none. */
export function tokenOf(value: unknown): TokenLabel | null {
  if (!value || typeof value !== "object") return null;
  const { id, name, prefix } = value as Record<string, unknown>;
  return typeof id === "string" && typeof name === "string" && typeof prefix === "string" ? { id, name, prefix } : null;
}

/** "CI pipeline (whp_AbC123…)" */
export const describeToken = (token: TokenLabel) => `${token.name} (${token.prefix}…)`;
