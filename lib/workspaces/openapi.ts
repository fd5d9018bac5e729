import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operations";
import { planUsageView } from "./get-plan-usage";
import { createPlanInput, createWorkspaceInput, supportAccessInput, updatePlanInput, updateWorkspaceInput } from "./schemas";
import { myWorkspaceView, planView, workspaceAdminView, workspaceView } from "./views";

const WORKSPACE = "/api/v1/workspaces/{slug}";
const PLAN = "/api/v1/plans/{id}";
const instanceOnly = { 401: "Not signed in and no valid API token", 403: "Only instance admins (the operators of the deployment)" };

export const workspaceOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/workspaces",
    tag: "Workspaces",
    permission: "portal.read",
    summary: "List your workspaces",
    description:
      "The workspaces the caller is a member of, with their role in each; with an API token, the token's workspace. Each workspace's API is /api/v1/workspaces/{slug}/… (the same operations as /api/v1/…, which act in the token's or the current workspace).",
    response: z.object({ data: z.array(myWorkspaceView) }),
    responses: { 200: "The caller's workspaces", 401: instanceOnly[401] },
  },
  {
    method: "post",
    path: "/api/v1/workspaces",
    tag: "Workspaces",
    permission: "instance.manage",
    summary: "Create a workspace",
    description:
      "On a plan (its key), with a first owner: an existing account, by email. The creation is audited in the instance's audit log and in the new workspace's.",
    request: createWorkspaceInput,
    response: workspaceAdminView,
    responses: {
      201: "The new workspace",
      ...instanceOnly,
      409: "The slug is in use (fieldErrors.slug)",
      422: "A field is not valid: no such plan (fieldErrors.plan), no active account with that email (fieldErrors.ownerEmail)",
    },
  },
  {
    method: "get",
    path: WORKSPACE,
    tag: "Workspaces",
    permission: "portal.read",
    summary: "Get a workspace",
    description:
      "Its name, plan and counts (members, integrations), to one of its members or an instance admin. Anyone else, and an API token of another workspace, gets 404 workspace_not_found, as for a slug that does not exist.",
    response: workspaceView,
    responses: { 200: "The workspace", 401: instanceOnly[401], 404: "No such workspace, or not a member (workspace_not_found)" },
  },
  {
    method: "patch",
    path: WORKSPACE,
    tag: "Workspaces",
    permission: "instance.manage",
    summary: "Rename a workspace or change its plan",
    description:
      "A plan change disables nothing: what the workspace then has beyond its plan is answered in `overPlan` (and shown on its Plan page), and new creations beyond it are refused.",
    request: updateWorkspaceInput,
    response: workspaceAdminView.extend({
      overPlan: z.array(z.string()).describe("What the workspace has beyond its plan, one sentence each"),
    }),
    responses: {
      200: "The workspace as changed",
      ...instanceOnly,
      404: "No such workspace (workspace_not_found)",
      422: "A field is not valid, or there is no such plan (fieldErrors.plan)",
    },
  },
  {
    method: "delete",
    path: WORKSPACE,
    tag: "Workspaces",
    permission: "instance.manage",
    summary: "Delete a workspace",
    description:
      "With everything it owns: integrations, webhooks, subscriptions, event types, API tokens, memberships, and its history (events, messages, attempts, audit log, idempotency keys). The instance's audit log keeps a row of it. The default workspace cannot be deleted.",
    responses: {
      204: "Deleted",
      ...instanceOnly,
      404: "No such workspace (workspace_not_found)",
      409: "The default workspace cannot be deleted",
    },
  },
  {
    method: "post",
    path: "/api/v1/support-access",
    tag: "Workspaces",
    permission: "instance.manage",
    summary: "Get support access to a workspace",
    description:
      "An instance admin does not read a workspace's data unless a member of it: this makes the caller a member of the workspace named in the body, with the role chosen (default member). The workspace's own audit log gets a `support_access.granted` row, which its owners and admins see; leaving is removing that membership.",
    request: supportAccessInput,
    response: myWorkspaceView,
    responses: {
      201: "The caller is now a member",
      ...instanceOnly,
      404: "No such workspace (workspace_not_found)",
      409: "The caller is already a member",
      422: "A field is not valid",
    },
  },
];

export const planOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/plans/current",
    tag: "Plans",
    permission: "portal.read",
    summary: "Get the workspace's plan and usage",
    description:
      "The plan of the workspace acted in, its usage against each limit (integrations in all and per connector type, automatic deliveries, retry schedules, ingest and trigger rates, history retention), and what it has beyond the plan: after a plan change nothing is disabled, new creations are refused.",
    response: planUsageView,
    responses: { 200: "The plan and its usage", 401: instanceOnly[401] },
  },
  {
    method: "get",
    path: "/api/v1/plans",
    tag: "Plans",
    permission: "instance.manage",
    summary: "List plans",
    description:
      "The built-in plans first (default, free, starter, pro, enterprise), then the others; each with how many workspaces are on it.",
    response: z.object({ data: z.array(planView) }),
    responses: { 200: "The plans", ...instanceOnly },
  },
  {
    method: "post",
    path: "/api/v1/plans",
    tag: "Plans",
    permission: "instance.manage",
    summary: "Define a plan",
    description:
      'maxIntegrations and ingestPerMinute, triggersPerMinute, historyDays: null for no limit. maxPerConnectorType: per connector type ({"slack": 0} leaves Slack out of the plan; a type not listed has no limit of its own). onePerConnectorType: creating a second integration of a type updates the first. Absent fields: no limit, everything included.',
    request: createPlanInput,
    response: planView,
    responses: { 201: "The new plan", ...instanceOnly, 409: "The key is in use (fieldErrors.key)", 422: "A field is not valid" },
  },
  {
    method: "get",
    path: PLAN,
    tag: "Plans",
    permission: "instance.manage",
    summary: "Get a plan",
    response: planView,
    responses: { 200: "The plan", ...instanceOnly, 404: "No such plan" },
  },
  {
    method: "patch",
    path: PLAN,
    tag: "Plans",
    permission: "instance.manage",
    summary: "Change a plan",
    description:
      "Absent fields stay. Nothing is disabled in the workspaces on it: what they then have beyond it is listed on their Plan page, and new creations are refused. The default plan's integration limits are PORTAL_MAX_INTEGRATIONS and PORTAL_MAX_INTEGRATIONS_<TYPE> (422 here).",
    request: updatePlanInput,
    response: planView,
    responses: { 200: "The plan as changed", ...instanceOnly, 404: "No such plan", 422: "A field is not valid" },
  },
  {
    method: "delete",
    path: PLAN,
    tag: "Plans",
    permission: "instance.manage",
    summary: "Delete a plan",
    description: "Only a plan an instance admin defined, and only when no workspace is on it.",
    responses: { 204: "Deleted", ...instanceOnly, 404: "No such plan", 409: "A built-in plan, or workspaces are on it" },
  },
];
