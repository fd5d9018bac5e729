import { recordAudit, type AuditSource } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/passwords";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { inWorkspace } from "@/lib/workspaces/scope";
import { joinByInvitation, pendingInvitation } from "./accept-invitation";
import { joinWithNewAccountInput, type JoinWithNewAccountInput } from "./schemas";

/**
 * Someone without an account accepts an invitation: the account is made with the invitation's
 * email and the name and password chosen, and joins the workspace — in one transaction, audited
 * in the workspace's log. No sign-in is needed (the link's token is the credential); the person
 * then signs in with the new password. An email with an account already must sign in and accept.
 */
export async function joinWithNewAccount({ input, source }: { input: JoinWithNewAccountInput; source: AuditSource }) {
  const data = joinWithNewAccountInput.parse(input);
  const invitation = await pendingInvitation(data.token);
  if (invitation.accountExists) throw conflict("An account with this email exists: sign in first, then accept the invitation.");
  assertAcceptablePassword(data.password, { email: invitation.email }, "password");
  const passwordHash = await hashPassword(data.password);
  await inWorkspace(invitation.workspaceId, () =>
    db
      .$transaction(async (tx) => {
        const user = await tx.user.create({
          data: { email: invitation.email, name: data.name, passwordHash, passwordChangedAt: new Date() },
          select: { id: true, email: true, name: true },
        });
        const as = { ...source, actor: { id: user.id, email: user.email } };
        await recordAudit(tx, as, {
          action: "user.created",
          target: { type: "user", id: user.id, label: user.email },
          after: { email: user.email, name: user.name, via: "invitation" },
        });
        await joinByInvitation(tx, invitation, user, as);
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === "P2002")
          throw conflict("An account with this email exists: sign in first, then accept the invitation.");
        throw error;
      }),
  );
  return { email: invitation.email, workspace: invitation.workspace };
}
