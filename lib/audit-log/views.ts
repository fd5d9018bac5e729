import type { AuditLog } from "@/lib/generated/prisma/client";
import { tokenOf } from "@/lib/tokens/token-label";

/** One audit entry as the portal and the API show it. Secrets were stripped when it was written. */
export function toAuditEntryView(a: AuditLog) {
  return {
    id: a.id,
    createdAt: a.createdAt,
    actor: a.actorId ? { id: a.actorId, email: a.actorEmail } : null,
    action: a.action,
    target: a.targetType ? { type: a.targetType, id: a.targetId, label: a.targetLabel } : null,
    before: a.before,
    after: a.after,
    ip: a.ip,
    userAgent: a.userAgent,
    /** The API token the actor used; null for the portal's UI and its own jobs. */
    apiToken: tokenOf(a.apiToken),
  };
}
export type AuditEntryView = ReturnType<typeof toAuditEntryView>;
