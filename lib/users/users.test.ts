import { describe, expect, it } from "vitest";
import { signInWithPassword, MAX_FAILURES } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { auditRowsFor, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { createUser } from "./create-user";
import { listMembers } from "@/lib/members/list-members";
import { updateUser } from "./update-user";

describe("createUser", () => {
  it("creates a member with a generated password, hashed with argon2id, and audits it", async () => {
    const { ctx } = await makeUser("admin");
    const email = `New-${Date.now()}@Test.example`;
    const { user, generatedPassword } = await createUser({ ctx, input: { email, name: "New person", canTriggerIntegrations: true } });
    expect(user.email).toBe(email.toLowerCase());
    expect(user).toMatchObject({ role: "member", canTriggerIntegrations: true });
    expect(generatedPassword).toMatch(/^\S{20}$/);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { memberships: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.memberships).toMatchObject([{ workspaceId: ctx.workspace!.id, role: "member", canTriggerIntegrations: true }]);
    expect(row.isAdmin).toBe(false);
    const audit = await auditRowsFor(user.id);
    expect(audit.map((a) => a.action)).toEqual(["user.created"]);
    expect(audit[0].actorId).toBe(ctx.actor.id);
    expect(JSON.stringify(audit[0])).not.toContain(generatedPassword!);
  });

  it("refuses a duplicate email with a field error", async () => {
    const { ctx } = await makeUser("admin");
    const { user } = await makeUser("reader");
    await expect(createUser({ ctx, input: { email: user.email, name: "Dup" } })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { email: ["Already a member"] },
    });
  });

  it("is refused to a user who is not an admin", async () => {
    for (const role of ["reader", "trigger"] as const) {
      const { ctx } = await makeUser(role);
      await expect(createUser({ ctx, input: { email: `x-${role}-${Date.now()}@test.example`, name: "X" } })).rejects.toMatchObject({
        code: "forbidden",
      });
    }
  });
});

describe("updateUser", () => {
  it("toggles the membership's permissions independently and audits before/after", async () => {
    const { ctx } = await makeUser("admin");
    const { user } = await makeUser("reader");
    const after = await updateUser({ ctx, id: user.id, input: { canTriggerIntegrations: true } });
    expect(after).toMatchObject({ canTriggerIntegrations: true, isAdmin: false, role: "member" });
    const [row] = await auditRowsFor(user.id);
    expect(row).toMatchObject({
      action: "member.permission_changed",
      before: { canTriggerIntegrations: false },
      after: { canTriggerIntegrations: true },
    });
  });

  it("keeps at least one active instance admin", async () => {
    const { ctx, user } = await makeUser("admin");
    const others = await db.user.findMany({ where: { isAdmin: true, active: true, id: { not: user.id } }, select: { id: true } });
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: false } });
    try {
      // Another owner of the workspace, so that only the instance rule is in the way.
      const { user: second } = await makeUser("admin");
      await db.user.update({ where: { id: second.id }, data: { isAdmin: false } });
      await expect(updateUser({ ctx, id: user.id, input: { active: false } })).rejects.toMatchObject({
        code: "conflict",
        message: expect.stringMatching(/instance admin/),
      });
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: true } });
    }
  });

  it("answers not found for a malformed or unknown id", async () => {
    const { ctx } = await makeUser("admin");
    await expect(updateUser({ ctx, id: "nope", input: { name: "x" } })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateUser({ ctx, id: "00000000-0000-4000-8000-000000000000", input: { name: "x" } })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("listMembers", () => {
  it("pages with a cursor without gaps or duplicates", async () => {
    const { ctx } = await makeUser("admin");
    for (let i = 0; i < 5; i++) await makeUser("reader");
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listMembers({ ctx, page: { limit: 2, cursor } });
      for (const u of page.data) {
        expect(seen.has(u.id)).toBe(false);
        seen.add(u.id);
      }
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(seen.size).toBe(await db.membership.count({ where: { workspaceId: ctx.workspace!.id } }));
    expect(pages).toBeGreaterThan(2);
  });
});

describe("ending sessions", () => {
  it("a deactivation or a role change raises the session version; a deactivation revokes API tokens", async () => {
    const { ctx: adminCtx } = await makeUser("admin");
    const { user } = await makeUser("reader");
    await db.apiToken.create({ data: { userId: user.id, name: "t", tokenHash: `hash-${user.id}`, prefix: "wp_" } });
    const version = async () => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    expect(await version()).toBe(0);
    await updateUser({ ctx: adminCtx, id: user.id, input: { name: "Renamed" } });
    expect(await version()).toBe(0);
    await updateUser({ ctx: adminCtx, id: user.id, input: { canTriggerIntegrations: true } });
    expect(await version()).toBe(1);
    await updateUser({ ctx: adminCtx, id: user.id, input: { active: false } });
    await updateUser({ ctx: adminCtx, id: user.id, input: { active: true } });
    expect(await version()).toBe(3);
    expect(await db.apiToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    await expect(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, {})).resolves.toMatchObject({
      id: user.id,
      sessionVersion: 3,
    });
  });
});

describe("signing out", () => {
  it("ends that session only: its sign-in row is marked signed out, the user's other sessions live on", async () => {
    const { endSession } = await import("@/lib/auth/end-sessions");
    const { user } = await makeUser("reader");
    const first = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, {});
    const second = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, {});
    await endSession(first.sessionId);
    await endSession("not a number");
    const outcome = async (id: string) => (await db.signInAttempt.findUniqueOrThrow({ where: { id: BigInt(id) } })).outcome;
    expect(await outcome(first.sessionId)).toBe("signed_out");
    expect(await outcome(second.sessionId)).toBe("succeeded");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(0);
  });
});

describe("signInWithPassword", () => {
  it("signs in with the right password and refuses a deactivated user", async () => {
    const { user } = await makeUser("reader");
    await expect(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, {})).resolves.toMatchObject({ id: user.id });
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    await expect(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, {})).rejects.toMatchObject({ code: "unauthorized" });
  });

  it(`checks at most ${MAX_FAILURES} passwords per window under 200 parallel attempts`, async () => {
    const { user } = await makeUser("reader");
    // The right password among them: whether it is one of the checked five is luck, never more.
    const attempts = Array.from({ length: 200 }, (_, i) =>
      signInWithPassword({ email: user.email, password: i === 150 ? TEST_PASSWORD : `wrong ${i}` }, {}).then(
        () => "signed_in",
        (e: { code: string }) => e.code,
      ),
    );
    const outcomes = await Promise.all(attempts);
    const checked = await db.signInAttempt.count({ where: { email: user.email, outcome: { not: "locked" } } });
    expect(checked).toBe(MAX_FAILURES);
    expect(outcomes.filter((o) => o !== "rate_limited")).toHaveLength(MAX_FAILURES);
    expect(await db.signInAttempt.count({ where: { email: user.email, outcome: "checking" } })).toBe(0);
  }, 60_000);

  it("after 4 failures, 29 wrong and 1 right password at once check one password at most", async () => {
    const { user } = await makeUser("reader");
    for (let i = 0; i < MAX_FAILURES - 1; i++) await signInWithPassword({ email: user.email, password: "wrong" }, {}).catch(() => {});
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signInWithPassword({ email: user.email, password: i === 29 ? TEST_PASSWORD : `wrong ${i}` }, {}).then(
          () => "signed_in",
          (e: { code: string }) => e.code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o !== "rate_limited")).toHaveLength(1);
  });

  it(`locks an email after ${MAX_FAILURES} failures, even for the right password, and audits refusals`, async () => {
    const { user } = await makeUser("reader");
    for (let i = 0; i < MAX_FAILURES; i++) {
      await expect(signInWithPassword({ email: user.email, password: "wrong password" }, { ip: "198.51.100.1" })).rejects.toMatchObject({
        code: "unauthorized",
      });
    }
    await expect(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, {})).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/Too many failed sign-ins.*15 minutes/),
    });
    const actions = (await auditRowsFor(user.id)).map((a) => a.action);
    expect(actions.filter((a) => a === "auth.sign_in_failed")).toHaveLength(MAX_FAILURES);
    const refused = await db.auditLog.findMany({ where: { action: "auth.sign_in_refused", targetLabel: user.email } });
    expect(refused).toHaveLength(1);
  });
});
