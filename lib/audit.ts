import { tokenLabel, type Ctx } from "@/lib/auth/context";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { currentRequestId } from "@/lib/log";

export interface AuditEntry {
  action: string;
  target?: { type: string; id: string; label?: string | null };
  before?: unknown;
  after?: unknown;
}

/** Who an audit row names when no signed-in user acted (a failed sign-in, a periodic job). */
export interface AuditSource {
  actor?: { id: string; email: string } | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  /**
   * The workspace the row belongs to, for work outside a request's scope (a delivery policy, a
   * recovery, the purge); absent: the current scope's (lib/workspaces/scope.ts), or none (an
   * instance-level row such as a sign-in).
   */
  workspaceId?: string | null;
}

const SECRET_KEY = /password|secret|token|authorization|key$/i;
/** Words that describe a secret without revealing it ("token: changed") pass through. */
const SECRET_MARKERS = new Set(["set", "not set", "changed", "unchanged", "cleared", "rotated"]);

/**
 * The one audit writer. Pass the transaction that makes the change, so that the change and its
 * audit row commit together or not at all. Values under secret-looking keys never reach the table.
 */
export async function recordAudit(tx: Tx, source: Ctx | AuditSource, entry: AuditEntry) {
  await tx.auditLog.create({ data: auditColumns(source, entry) });
}

/** The columns of an audit row, secrets removed: for writers that insert it with SQL of their own. */
export function auditColumns(source: Ctx | AuditSource, entry: AuditEntry) {
  const actor = "actor" in source ? source.actor : null;
  const apiToken = "via" in source ? tokenLabel(source) : null;
  return {
    ...("workspaceId" in source && source.workspaceId !== undefined && { workspaceId: source.workspaceId }),
    action: entry.action,
    actorId: actor?.id ?? null,
    actorEmail: actor?.email ?? null,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    targetLabel: entry.target?.label ?? null,
    before: toJson(entry.before),
    after: toJson(entry.after),
    ip: source.ip ?? null,
    userAgent: source.userAgent?.slice(0, 512) ?? null,
    requestId: source.requestId ?? currentRequestId(),
    /** The API token the actor acted with: its id, name and prefix. */
    apiToken: apiToken ?? undefined,
  };
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return redactSecrets(value) as Prisma.InputJsonValue;
}

/** Replaces the value of every secret-looking key, at any depth, by a marker. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && typeof v === "string" && !SECRET_MARKERS.has(v) ? "[redacted]" : redactSecrets(v),
      ]),
    );
  }
  return value;
}
