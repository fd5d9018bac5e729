import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { JoinButton, JoinWithNewAccountForm, SignOutToSwitch } from "@/components/members/invite-accept";
import { getCtx } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { findInvitation } from "@/lib/members/find-invitation";
import { MEMBER_ROLE_LABEL, type MemberRoleInput } from "@/lib/members/schemas";
import { invitationPath } from "@/lib/members/tokens";
import { workspacePath } from "@/lib/workspaces/request-names";

export const metadata: Metadata = { title: "Invitation" };

const ENDED = {
  expired: { title: "This invitation has expired", text: "Invitations work for 7 days. Ask the person who invited you for a new link." },
  revoked: { title: "This invitation was revoked", text: "Ask the person who invited you for a new link." },
  accepted: { title: "This invitation was used already", text: "Each link works once. Sign in, or ask for a new link." },
} as const;

/**
 * An invitation's link: signed in with the invited email → join; signed in as someone else →
 * sign out first; not signed in with no account → create one (name, password) and join; an
 * account exists → sign in first, then back here. Ended links say so.
 */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ctx = await getCtx();
  const invitation = await findInvitation(token, ctx?.actor.id);
  if (!invitation)
    return <Panel title="This invitation link is not valid">Check that the whole link was copied, or ask for a new one.</Panel>;
  if (invitation.state !== "pending") {
    const ended = ENDED[invitation.state];
    return (
      <Panel title={ended.title} testId={`invitation-${invitation.state}`}>
        {ended.text}{" "}
        <Link href="/sign-in" className="underline underline-offset-4">
          Sign in
        </Link>
      </Panel>
    );
  }
  const { workspace } = invitation;
  const role = MEMBER_ROLE_LABEL[invitation.role as MemberRoleInput] ?? invitation.role;
  const what = (
    <>
      You are invited to <strong>{workspace.name}</strong> as {invitation.role === "member" ? "a" : "an"} {role.toLowerCase()}
      {invitation.canTriggerIntegrations ? ", with the permission to trigger integrations" : ""}.
    </>
  );
  const landing = workspacePath(workspace.slug, "/integrations");
  if (ctx) {
    if (ctx.actor.email.toLowerCase() !== invitation.email) {
      return (
        <Panel title={`Join ${workspace.name}`}>
          <p>{what}</p>
          <p>
            This invitation is for <strong>{invitation.email}</strong>; you are signed in as {ctx.actor.email}. Sign out, then open the link
            again and sign in with {invitation.email}.
          </p>
          <SignOutToSwitch callbackUrl={invitationPath(token)} />
        </Panel>
      );
    }
    if (invitation.viewerIsMember)
      return (
        <Panel title={`You are a member of ${workspace.name}`}>
          <Link href={landing} className="underline underline-offset-4">
            Go to {workspace.name}
          </Link>
        </Panel>
      );
    return (
      <Panel title={`Join ${workspace.name}`}>
        <p>{what}</p>
        <JoinButton token={token} workspaceName={workspace.name} landing={landing} />
      </Panel>
    );
  }
  if (invitation.accountExists) {
    return (
      <Panel title={`Join ${workspace.name}`}>
        <p>{what}</p>
        <p>There is an account for {invitation.email} already: sign in, and you come back here to join.</p>
        <Link
          href={`/sign-in?callbackUrl=${encodeURIComponent(invitationPath(token))}`}
          className="font-medium underline underline-offset-4"
          data-testid="invitation-sign-in"
        >
          Sign in to accept
        </Link>
      </Panel>
    );
  }
  if (!env().PORTAL_PASSWORD_SIGN_IN) {
    return (
      <Panel title={`Join ${workspace.name}`}>
        <p>{what}</p>
        <p>This portal signs people in through single sign-on: sign in there with {invitation.email}, then open this link again.</p>
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(invitationPath(token))}`} className="underline underline-offset-4">
          Sign in
        </Link>
      </Panel>
    );
  }
  return (
    <Panel title={`Join ${workspace.name}`}>
      <p>{what}</p>
      <p>Create your account for {invitation.email}:</p>
      <JoinWithNewAccountForm token={token} email={invitation.email} landing={landing} />
    </Panel>
  );
}

function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="grid w-full max-w-md gap-4 rounded-lg border bg-card p-6 text-sm shadow-sm sm:p-8" data-testid={testId}>
        <h1 className="text-xl font-semibold">{title}</h1>
        {children}
      </div>
    </main>
  );
}
