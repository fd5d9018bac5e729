import { z } from "zod";
import { apiTokenLabel, exportFiles, pageOf, type ApiOperation } from "@/lib/api/operations";
import { exportAuditLogQuery, listAuditLogQuery } from "./schemas";

const auditEntry = z.object({
  id: z.uuid(),
  createdAt: z.date(),
  actor: z
    .object({ id: z.uuid(), email: z.string().nullable() })
    .nullable()
    .describe("Null for the portal's own jobs and for failed sign-ins"),
  action: z.string().describe("e.g. user.created, webhook.config_changed, webhook.triggered"),
  target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }).nullable(),
  before: z.json().nullable().describe("Secrets are removed before an entry is written"),
  after: z.json().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  apiToken: apiTokenLabel.nullable().describe("The API token the actor used; null for the portal's UI and its own jobs"),
});

const errors = {
  401: "Not signed in and no valid API token",
  403: "Only admins read the audit log",
  422: "A query parameter is not valid",
};

export const auditLogOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/audit-log",
    tag: "Audit log",
    permission: "audit.read",
    summary: "List audit entries",
    description: "Newest first. Filters combine; targetId needs targetType.",
    query: listAuditLogQuery,
    response: pageOf(auditEntry),
    responses: { 200: "A page of entries", ...errors },
  },
  {
    method: "get",
    path: "/api/v1/audit-log/export",
    tag: "Audit log",
    permission: "audit.read",
    summary: "Export audit entries",
    description: "The filtered entries as CSV or JSON Lines, streamed, newest first.",
    query: exportAuditLogQuery,
    files: exportFiles("entry", "in GET /api/v1/audit-log"),
    responses: { 200: "The file (text/csv or application/x-ndjson)", ...errors },
  },
];
