import { z } from "zod";
import { pageOf, type ApiOperation } from "@/lib/api/operations";
import { pageParams } from "@/lib/pagination";
import { member } from "@/lib/users/openapi";
import { INVITATION_DAYS, inviteMemberInput, updateMemberInput } from "./schemas";

/** The answer shape of `invitationView` (./schemas.ts). */
const invitation = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(["owner", "admin", "member"]),
  canTriggerIntegrations: z.boolean(),
  expiresAt: z.date(),
  acceptedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
});

const unauthenticated = { 401: "Not signed in and no valid API token" };
const adminOnly = { ...unauthenticated, 403: "Only the workspace's owners and admins manage its members" };

export const memberOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/members",
    tag: "Members",
    permission: "users.manage",
    summary: "List members",
    description: "The workspace's members with their role and trigger permission, newest member first.",
    query: pageParams,
    response: pageOf(member),
    responses: { 200: "A page of members", ...adminOnly },
  },
  {
    method: "patch",
    path: "/api/v1/members/{id}",
    tag: "Members",
    permission: "users.manage",
    summary: "Change a member's role or trigger permission",
    description:
      "The id is the account's. Only an owner grants or removes the owner role; the last owner keeps it. A membership made by single sign-on " +
      "follows the claims (409). The member's sessions end.",
    request: updateMemberInput,
    response: member,
    responses: {
      200: "The member as changed",
      ...unauthenticated,
      403: "Not an owner or admin, or the owner role changed by a non-owner",
      404: "Not a member of this workspace",
      409: "It would leave the workspace without an owner, or the role follows single sign-on",
      422: "A field is not valid",
    },
  },
  {
    method: "delete",
    path: "/api/v1/members/{id}",
    tag: "Members",
    permission: "users.manage",
    summary: "Remove a member",
    description:
      "The account leaves the workspace: its API tokens of this workspace are revoked; the account and its other memberships stay. " +
      "Only an owner removes an owner; the last owner cannot be removed.",
    responses: {
      204: "Removed",
      ...unauthenticated,
      403: "Not an owner or admin, or an owner removed by a non-owner",
      404: "Not a member of this workspace",
      409: "The last owner",
    },
  },
  {
    method: "get",
    path: "/api/v1/invitations",
    tag: "Members",
    permission: "users.manage",
    summary: "List pending invitations",
    description: "Invitations not yet accepted, revoked or expired, newest first (at most 200).",
    response: z.object({ data: z.array(invitation) }),
    responses: { 200: "The pending invitations", ...adminOnly },
  },
  {
    method: "post",
    path: "/api/v1/invitations",
    tag: "Members",
    permission: "users.manage",
    summary: "Invite someone by email",
    description:
      `Answers a one-time link (url, path /invite/{token}) that works for ${INVITATION_DAYS} days: the token is shown only here (the portal keeps ` +
      "its SHA-256). The portal sends no mail: pass the link on. Opened signed in with that email, it joins the workspace; without an account, " +
      "it creates one. A pending invitation to the same email is revoked. Only an owner invites an owner.",
    request: inviteMemberInput,
    response: invitation.extend({
      token: z.string().describe("The secret of the link, shown once"),
      url: z.string().describe("The link to pass on: the portal's address + path"),
      path: z.string().describe("/invite/{token}"),
    }),
    responses: {
      201: "The invitation, with its link",
      ...unauthenticated,
      403: "Not an owner or admin, or an owner invited by a non-owner",
      409: "Already a member (fieldErrors.email)",
      422: "A field is not valid",
    },
  },
  {
    method: "delete",
    path: "/api/v1/invitations/{id}",
    tag: "Members",
    permission: "users.manage",
    summary: "Revoke an invitation",
    description: "Its link stops working. Revoking one revoked already changes nothing.",
    responses: { 204: "Revoked", ...adminOnly, 404: "No such invitation in this workspace", 409: "Accepted already" },
  },
];
