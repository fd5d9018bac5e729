import { auditColumns, type AuditEntry } from "@/lib/audit";
import { tokenLabel, type Ctx } from "@/lib/auth/context";
import type { Sender } from "@/lib/delivery/start-attempt";

/** The person (and API token) behind a manual send, and the audit row it records, as the send side takes them. */
export function senderOf(ctx: Ctx, audit: Omit<AuditEntry, "target">): Sender {
  return {
    workspaceId: ctx.workspace!.id,
    id: ctx.actor.id,
    email: ctx.actor.email,
    token: tokenLabel(ctx),
    audit: (target) => auditColumns(ctx, { ...audit, target }),
  };
}
