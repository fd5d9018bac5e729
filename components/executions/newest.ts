/** The position of a newest-first list's first row, as the new-executions bar compares it. */
export const newestOf = (rows: readonly { id: string; startedAt: Date }[]) =>
  rows[0] ? { id: rows[0].id, startedAt: rows[0].startedAt.toISOString() } : null;
