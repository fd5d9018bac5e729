import { z } from "zod";
import { email, MEMBER_ROLES, memberRole, password } from "@/lib/users/schemas";
import { singleLine, text } from "@/lib/validation";

export { MEMBER_ROLES, memberRole };
export type MemberRoleInput = z.infer<typeof memberRole>;

export const MEMBER_ROLE_LABEL: Record<MemberRoleInput, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
};

/** How long an invitation's link works. */
export const INVITATION_DAYS = 7;

/** What changes on a membership: the role and the trigger permission (both the workspace's, not the account's). */
export const updateMemberInput = z
  .object({
    role: memberRole.optional(),
    canTriggerIntegrations: z.boolean().optional(),
  })
  .strict();
export type UpdateMemberInput = z.infer<typeof updateMemberInput>;

export const inviteMemberInput = z.object({
  email,
  role: memberRole.default("member"),
  canTriggerIntegrations: z.boolean().default(false),
});
export type InviteMemberInput = z.input<typeof inviteMemberInput>;

/** The link's secret part: what /invite/{token} carries. */
export const invitationToken = text().trim().min(20).max(100);

/** Accepting an invitation without an account: the new account's name and password. */
export const joinWithNewAccountInput = z.object({
  token: invitationToken,
  name: singleLine().min(1, "Enter your name").max(100),
  password,
});
export type JoinWithNewAccountInput = z.input<typeof joinWithNewAccountInput>;

/** Accepting an invitation as the signed-in user. */
export const acceptInvitationInput = z.object({ token: invitationToken });
export type AcceptInvitationInput = z.infer<typeof acceptInvitationInput>;

/** What the portal shows of a pending invitation: never the token or its hash. */
export const invitationView = {
  id: true,
  email: true,
  role: true,
  canTriggerIntegrations: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  createdAt: true,
} as const;
