/** A slug made from a name: "Ticket → Slack (EU)" becomes "ticket-slack-eu". */
export function slugFromName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 64)
    .replace(/^-+|-+$/g, "");
  return slug || "integration";
}

/** Prisma's unique-constraint error: another row took the slug between our check and our write. */
export const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "P2002";
