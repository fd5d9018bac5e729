import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Ctx, MemberRole } from "@/lib/auth/context";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { createUser } from "@/lib/users/create-user";
import { resetPassword } from "@/lib/users/reset-password";
import { resetTwoFactor } from "@/lib/users/two-factor";
import { updateUser } from "@/lib/users/update-user";
import { asSystem, DEFAULT_WORKSPACE } from "@/lib/workspaces/scope";
import { acceptInvitation } from "./accept-invitation";
import { findInvitation } from "./find-invitation";
import { inviteMember } from "./invite-member";
import { joinWithNewAccount } from "./join-with-new-account";
import { listInvitations } from "./list-invitations";
import { listMembers } from "./list-members";
import { removeMember } from "./remove-member";
import { revokeInvitation } from "./revoke-invitation";
import { updateMember } from "./update-member";
import { hashInvitationToken } from "./tokens";

/**
 * Runs fn across workspaces. Awaited inside: a Prisma query runs when awaited, so one returned
 * unawaited would run in the caller's scope (here: the workspace the last verb called entered).
 */
const system = <T>(fn: () => Promise<T>) => asSystem(async () => await fn());

/** A workspace of its own, on the default workspace's plan. */
async function makeWorkspace() {
  const slug = `ws-${randomUUID().slice(0, 8)}`;
  const w = await db.workspace.create({ data: { name: `Workspace ${slug}`, slug, planId: DEFAULT_WORKSPACE.planId } });
  return { id: w.id, slug: w.slug, name: w.name, planId: w.planId };
}
type Workspace = Awaited<ReturnType<typeof makeWorkspace>>;

/** A member of `workspace` with `role` (not an instance admin unless told), and a session ctx acting there. */
async function member(workspace: Workspace, role: MemberRole, options: { canTrigger?: boolean; instanceAdmin?: boolean } = {}) {
  const { user } = await makeUser("reader", { workspace });
  await db.user.update({ where: { id: user.id }, data: { isAdmin: options.instanceAdmin ?? false } });
  await db.membership.update({
    where: { workspaceId_userId: { workspaceId: workspace.id, userId: user.id } },
    data: { role, canTriggerIntegrations: options.canTrigger ?? false },
  });
  const ctx: Ctx = {
    actor: {
      id: user.id,
      email: user.email,
      name: user.name,
      isAdmin: role !== "member",
      canTriggerIntegrations: options.canTrigger ?? false,
      isInstanceAdmin: options.instanceAdmin ?? false,
    },
    workspace,
    membership: { role },
    via: "session",
  };
  return { user, ctx };
}

/** Adds an existing account to another workspace. */
const join = (workspace: Workspace, userId: string, role: MemberRole = "member") =>
  db.membership.create({ data: { workspaceId: workspace.id, userId, role } });

const roleOf = async (workspace: Workspace, userId: string) =>
  (await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: workspace.id, userId } } }))?.role ?? null;

const auditIn = (workspace: Workspace, targetId: string) =>
  system(() => db.auditLog.findMany({ where: { workspaceId: workspace.id, targetId }, orderBy: { createdAt: "asc" } }));

describe("the members list", () => {
  it("lists the workspace's members only, with their role and trigger permission there", async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const { ctx: owner } = await member(a, "owner");
    const { user: alice } = await member(a, "member", { canTrigger: true });
    const { user: bob } = await member(b, "admin");
    await join(b, alice.id, "admin");
    const page = await listMembers({ ctx: owner, page: { limit: 50 } });
    expect(page.data.map((m) => m.email).sort()).toEqual([owner.actor.email, alice.email].sort());
    expect(page.data.find((m) => m.id === alice.id)).toMatchObject({
      role: "member",
      canTriggerIntegrations: true,
      isAdmin: false,
      accountManagedHere: false,
    });
    expect(JSON.stringify(page)).not.toContain(bob.email);
    expect(JSON.stringify(page)).not.toContain(b.id);
  });

  it("pages without gaps or duplicates", async () => {
    const a = await makeWorkspace();
    const { ctx } = await member(a, "owner");
    for (let i = 0; i < 4; i++) await member(a, "member");
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await listMembers({ ctx, page: { limit: 2, cursor } });
      for (const m of page.data) {
        expect(seen.has(m.id)).toBe(false);
        seen.add(m.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.size).toBe(5);
  });

  it("is refused to a member who is not an owner or admin", async () => {
    const a = await makeWorkspace();
    const { ctx } = await member(a, "member", { canTrigger: true });
    await expect(listMembers({ ctx, page: { limit: 10 } })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("roles", () => {
  it("only an owner grants or removes the owner role; audited in the workspace", async () => {
    const a = await makeWorkspace();
    const { ctx: owner } = await member(a, "owner");
    const { ctx: admin } = await member(a, "admin");
    const { user: m } = await member(a, "member");
    await expect(updateMember({ ctx: admin, id: m.id, input: { role: "owner" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateMember({ ctx: admin, id: owner.actor.id, input: { role: "member" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateMember({ ctx: admin, id: m.id, input: { role: "admin" } })).resolves.toMatchObject({ role: "admin" });
    await expect(updateMember({ ctx: owner, id: m.id, input: { role: "owner" } })).resolves.toMatchObject({ role: "owner" });
    // Through PATCH /users/{id}: isAdmin false demotes, and an admin cannot take the owner role away.
    await expect(updateUser({ ctx: admin, id: m.id, input: { isAdmin: false } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateUser({ ctx: owner, id: m.id, input: { isAdmin: false } })).resolves.toMatchObject({ role: "member" });
    expect((await auditIn(a, m.id)).map((r) => [r.action, (r.after as { role: string }).role])).toEqual([
      ["member.role_changed", "admin"],
      ["member.role_changed", "owner"],
      ["member.role_changed", "member"],
    ]);
  });

  it("keeps the last owner: not demoted, removed or deactivated (409), until there is another", async () => {
    const a = await makeWorkspace();
    const { ctx: owner } = await member(a, "owner", { instanceAdmin: true });
    const id = owner.actor.id;
    await expect(updateMember({ ctx: owner, id, input: { role: "admin" } })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/last owner/),
    });
    await expect(removeMember({ ctx: owner, id })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/last owner/),
    });
    await expect(updateUser({ ctx: owner, id, input: { active: false } })).rejects.toMatchObject({ code: "conflict" });
    // A deactivated owner does not count as one that remains.
    const { user: other } = await member(a, "owner");
    await db.user.update({ where: { id: other.id }, data: { active: false } });
    await expect(updateMember({ ctx: owner, id, input: { role: "admin" } })).rejects.toMatchObject({ code: "conflict" });
    await db.user.update({ where: { id: other.id }, data: { active: true } });
    await expect(updateMember({ ctx: owner, id, input: { role: "admin" } })).resolves.toMatchObject({ role: "admin" });
    expect(await roleOf(a, id)).toBe("admin");
  });

  it("answers 404 for an account that is not a member of the workspace", async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const { ctx: owner } = await member(a, "owner", { instanceAdmin: true });
    const { user: stranger } = await member(b, "member");
    for (const call of [
      () => updateMember({ ctx: owner, id: stranger.id, input: { role: "admin" } }),
      () => updateUser({ ctx: owner, id: stranger.id, input: { name: "x" } }),
      () => removeMember({ ctx: owner, id: stranger.id }),
      () => resetPassword({ ctx: owner, id: stranger.id }),
      () => resetTwoFactor({ ctx: owner, id: stranger.id }),
    ])
      await expect(call()).rejects.toMatchObject({ code: "not_found" });
    expect(await roleOf(b, stranger.id)).toBe("member");
  });
});

describe("account-level changes", () => {
  it("are the workspace's for an account of no other workspace; refused (403) for a shared one unless an instance admin acts", async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const { ctx: owner } = await member(a, "owner");
    const { ctx: operator } = await member(a, "admin", { instanceAdmin: true });
    const { user: own } = await member(a, "member");
    const { user: shared } = await member(a, "member");
    await join(b, shared.id);
    await db.user.update({ where: { id: shared.id }, data: { totpEnabledAt: new Date(), totpSecret: "x" } });

    await expect(updateUser({ ctx: owner, id: own.id, input: { name: "Mine" } })).resolves.toMatchObject({ name: "Mine" });
    await expect(resetPassword({ ctx: owner, id: own.id })).resolves.toMatchObject({ generatedPassword: expect.any(String) });
    for (const call of [
      () => updateUser({ ctx: owner, id: shared.id, input: { name: "Taken over" } }),
      () => updateUser({ ctx: owner, id: shared.id, input: { active: false } }),
      () => resetPassword({ ctx: owner, id: shared.id }),
      () => resetTwoFactor({ ctx: owner, id: shared.id }),
    ])
      await expect(call()).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/an instance admin can/) });
    // The membership's own fields stay the workspace's.
    await expect(updateUser({ ctx: owner, id: shared.id, input: { canTriggerIntegrations: true } })).resolves.toMatchObject({
      canTriggerIntegrations: true,
    });
    expect((await db.membership.findFirstOrThrow({ where: { workspaceId: b.id, userId: shared.id } })).canTriggerIntegrations).toBe(false);
    // An instance admin can.
    await expect(resetTwoFactor({ ctx: operator, id: shared.id })).resolves.toBeUndefined();
    await expect(updateUser({ ctx: operator, id: shared.id, input: { name: "Renamed" } })).resolves.toMatchObject({ name: "Renamed" });
  });
});

describe("removing a member", () => {
  it("revokes their API tokens of that workspace only; the account and its other memberships stay; audited", async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const { ctx: owner } = await member(a, "owner");
    const { user } = await member(a, "member");
    await join(b, user.id);
    const token = (workspaceId: string) =>
      db.apiToken.create({ data: { workspaceId, userId: user.id, name: "t", tokenHash: randomUUID(), prefix: "wp_", scopes: ["read"] } });
    const [inA, inB] = await system(() => Promise.all([token(a.id), token(b.id)]));
    await removeMember({ ctx: owner, id: user.id });
    expect(await roleOf(a, user.id)).toBeNull();
    expect(await roleOf(b, user.id)).toBe("member");
    const tokens = await system(() => db.apiToken.findMany({ where: { id: { in: [inA.id, inB.id] } } }));
    expect(tokens.find((t) => t.id === inA.id)?.revokedAt).not.toBeNull();
    expect(tokens.find((t) => t.id === inB.id)?.revokedAt).toBeNull();
    expect(await db.user.findUnique({ where: { id: user.id } })).not.toBeNull();
    expect((await auditIn(a, user.id)).map((r) => [r.action, r.after])).toEqual([["member.removed", { tokensRevoked: 1 }]]);
    await expect(removeMember({ ctx: owner, id: user.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("only an owner removes an owner", async () => {
    const a = await makeWorkspace();
    const { ctx: owner } = await member(a, "owner");
    const { ctx: admin } = await member(a, "admin");
    const { user: second } = await member(a, "owner");
    await expect(removeMember({ ctx: admin, id: second.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeMember({ ctx: owner, id: second.id })).resolves.toBeUndefined();
  });
});

describe("creating an account in the workspace", () => {
  it("makes a new account a member (isAdmin → admin); an existing account is refused with a pointer to invitations", async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const { ctx: admin } = await member(a, "admin");
    const email = `new-${randomUUID().slice(0, 8)}@test.example`;
    const { user } = await createUser({
      ctx: admin,
      input: { email, name: "New", password: TEST_PASSWORD, isAdmin: true, canTriggerIntegrations: true },
    });
    expect(user).toMatchObject({ role: "admin", canTriggerIntegrations: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).isAdmin).toBe(false);
    await expect(createUser({ ctx: admin, input: { email, name: "Again" } })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/already a member/),
    });
    const { ctx: ownerB } = await member(b, "owner");
    await expect(createUser({ ctx: ownerB, input: { email, name: "Elsewhere" } })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/invite/),
    });
    await expect(
      createUser({ ctx: admin, input: { email: `o-${randomUUID()}@test.example`, name: "O", role: "owner" } }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await roleOf(b, user.id)).toBeNull();
  });
});

describe("invitations", () => {
  it("answer a one-time link whose token is stored as SHA-256 and expires in 7 days; listed and revocable", async () => {
    const a = await makeWorkspace();
    const { ctx: admin } = await member(a, "admin");
    const email = `inv-${randomUUID().slice(0, 8)}@Test.example`;
    const invitation = await inviteMember({ ctx: admin, input: { email, role: "member", canTriggerIntegrations: true } });
    expect(invitation.email).toBe(email.toLowerCase());
    expect(invitation.path).toBe(`/invite/${invitation.token}`);
    expect(invitation.url).toMatch(new RegExp(`^https?://[^/]+/invite/${invitation.token}$`));
    const row = await system(() => db.invitation.findUniqueOrThrow({ where: { id: invitation.id } }));
    expect(row.tokenHash).toBe(hashInvitationToken(invitation.token));
    expect(JSON.stringify(row)).not.toContain(invitation.token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeCloseTo(7 * 24 * 3600_000, -4);
    expect((await listInvitations({ ctx: admin })).data.map((i) => i.id)).toEqual([invitation.id]);
    expect(JSON.stringify(await listInvitations({ ctx: admin }))).not.toContain(invitation.token);
    await expect(inviteMember({ ctx: admin, input: { email: `x-${randomUUID()}@test.example`, role: "owner" } })).rejects.toMatchObject({
      code: "forbidden",
    });

    await revokeInvitation({ ctx: admin, id: invitation.id });
    expect((await listInvitations({ ctx: admin })).data).toEqual([]);
    expect(await findInvitation(invitation.token)).toMatchObject({ state: "revoked" });
    await expect(
      joinWithNewAccount({ input: { token: invitation.token, name: "Late", password: "tulip orbit canvas marble" }, source: {} }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/revoked/),
    });
    const audit = await system(() => db.auditLog.findMany({ where: { workspaceId: a.id, targetId: invitation.id } }));
    expect(audit.map((r) => r.action).sort()).toEqual(["member.invitation_revoked", "member.invited"]);
    expect(JSON.stringify(audit)).not.toContain(invitation.token);
  });

  it("make a new account a member with the role and trigger permission; the link then works no more", async () => {
    const a = await makeWorkspace();
    const { ctx: owner } = await member(a, "owner");
    const email = `new-${randomUUID().slice(0, 8)}@test.example`;
    const { token } = await inviteMember({ ctx: owner, input: { email, role: "member", canTriggerIntegrations: true } });
    expect(await findInvitation(token)).toMatchObject({ state: "pending", accountExists: false, workspace: { slug: a.slug } });
    await expect(joinWithNewAccount({ input: { token, name: "Nia", password: "password1234" }, source: {} })).rejects.toMatchObject({
      fieldErrors: { password: [expect.stringMatching(/common/)] },
    });
    const joined = await joinWithNewAccount({
      input: { token, name: "Nia", password: "tulip orbit canvas marble" },
      source: { ip: "203.0.113.9" },
    });
    expect(joined).toMatchObject({ email, workspace: { slug: a.slug } });
    const signedIn = await system(() => signInWithPassword({ email, password: "tulip orbit canvas marble" }, {}));
    expect(await roleOf(a, signedIn.id)).toBe("member");
    expect((await db.membership.findFirstOrThrow({ where: { workspaceId: a.id, userId: signedIn.id } })).canTriggerIntegrations).toBe(true);
    expect(await findInvitation(token)).toMatchObject({ state: "accepted" });
    await expect(
      joinWithNewAccount({ input: { token, name: "Nia", password: "tulip orbit canvas marble" }, source: {} }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/used already/),
    });
    expect((await auditIn(a, signedIn.id)).map((r) => r.action)).toEqual(["user.created", "member.joined"]);
  });

  it("are accepted by the signed-in account with that email only; expired ones are refused", async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const { ctx: owner } = await member(a, "owner");
    const { user: invitee, ctx: inviteeInB } = await member(b, "member");
    const { ctx: someoneElse } = await member(b, "member");
    const { token } = await inviteMember({ ctx: owner, input: { email: invitee.email, role: "admin" } });
    expect(await findInvitation(token)).toMatchObject({ accountExists: true });
    await expect(
      joinWithNewAccount({ input: { token, name: "X", password: "tulip orbit canvas marble" }, source: {} }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/sign in first/),
    });
    await expect(acceptInvitation({ ctx: someoneElse, input: { token } })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(invitee.email),
    });
    await expect(
      acceptInvitation({
        ctx: {
          ...inviteeInB,
          via: "token",
          token: { id: randomUUID(), name: "t", prefix: "wp_", scopes: ["admin", "read"], expiresAt: null },
        },
        input: { token },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(acceptInvitation({ ctx: inviteeInB, input: { token } })).resolves.toMatchObject({ workspace: { slug: a.slug } });
    expect(await roleOf(a, invitee.id)).toBe("admin");
    expect(await roleOf(b, invitee.id)).toBe("member");
    expect((await auditIn(a, invitee.id)).map((r) => r.action)).toEqual(["member.joined"]);
    expect(await auditIn(b, invitee.id)).toEqual([]);

    const { user: late, ctx: lateCtx } = await member(b, "member");
    const expired = await inviteMember({ ctx: owner, input: { email: late.email } });
    await system(() => db.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } }));
    expect(await findInvitation(expired.token)).toMatchObject({ state: "expired" });
    await expect(acceptInvitation({ ctx: lateCtx, input: { token: expired.token } })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/expired/),
    });
    expect(await findInvitation("not-a-token-of-this-portal-at-all")).toBeNull();
    await expect(acceptInvitation({ ctx: lateCtx, input: { token: "not-a-token-of-this-portal-at-all" } })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("are refused for someone who is a member already", async () => {
    const a = await makeWorkspace();
    const { ctx: owner } = await member(a, "owner");
    const { user } = await member(a, "member");
    await expect(inviteMember({ ctx: owner, input: { email: user.email } })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { email: ["Already a member"] },
    });
  });
});
