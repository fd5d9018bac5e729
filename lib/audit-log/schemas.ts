import { z } from "zod";
import { text } from "@/lib/validation";
import { exportFormat } from "@/lib/exports";
import { fromParam, pageParams, toParam } from "@/lib/pagination";

const filters = z.object({
  actorId: z.uuid("Use a user id as returned by the API").optional(),
  action: text().trim().min(1).max(100).optional(),
  targetType: text().trim().min(1).max(50).optional(),
  targetId: text().trim().min(1).max(200).optional(),
  target: text()
    .trim()
    .min(2, "Type at least 2 characters")
    .max(200)
    .optional()
    .describe("Part of the target's name (any case), or its exact id: an integration, user, token or event type by name"),
  from: fromParam.optional(),
  to: toParam.optional(),
});

const targetIdNeedsType = (q: { targetId?: string; targetType?: string }) => !q.targetId || Boolean(q.targetType);
const targetIdNeedsTypeIssue = { message: "Choose a target type to filter by a target id", path: ["targetId"] };

export const listAuditLogQuery = pageParams.extend(filters.shape).refine(targetIdNeedsType, targetIdNeedsTypeIssue);
export type ListAuditLogQuery = z.input<typeof listAuditLogQuery>;
export type AuditLogFilters = z.output<typeof filters>;

export const exportAuditLogQuery = filters.extend({ format: exportFormat }).refine(targetIdNeedsType, targetIdNeedsTypeIssue);
export type ExportAuditLogQuery = z.input<typeof exportAuditLogQuery>;
