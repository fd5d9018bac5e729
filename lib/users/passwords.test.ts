import { describe, expect, it } from "vitest";
import { authorize, type Ctx } from "@/lib/auth/context";
import { passwordProblem } from "@/lib/auth/password-policy";
import { generatePassword, verifyPassword } from "@/lib/auth/passwords";
import { MAX_FAILURES, signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { auditRowsFor, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { changePassword } from "./change-password";
import { createUser } from "./create-user";
import { resetPassword } from "./reset-password";

const NEW_PASSWORD = "tulip orbit canvas marble";

/** The ctx of a session started by a real sign-in (its sign-in row is the session). */
async function sessionOf(email: string, password: string): Promise<Ctx> {
  const signedIn = await signInWithPassword({ email, password }, {});
  return { actor: signedIn, via: "session", sessionId: signedIn.sessionId, mustChangePassword: signedIn.mustChangePassword };
}
const sessionState = async (ctx: Ctx) => (await db.signInAttempt.findUniqueOrThrow({ where: { id: BigInt(ctx.sessionId!) } })).outcome;

describe("passwordProblem", () => {
  it.each([
    "password1234",
    "Password123!",
    "!!qwertyuiop!!",
    "iloveyou2024",
    "aaaaaaaaaaaa",
    "abcabcabcabc",
    "123456789012",
    "zyxwvutsrqpo",
    "qwertyuiopasd",
  ])("refuses %j", (password) => {
    expect(passwordProblem(password)).toEqual(expect.any(String));
  });

  it("refuses a password with the person's email in it", () => {
    expect(passwordProblem("jane.doe-portal-2026", { email: "jane.doe@example.com" })).toMatch(/email/);
  });

  it.each(["correct horse battery staple", NEW_PASSWORD, "Zx9!mQ2#pL7&", generatePassword()])("accepts %j", (password) => {
    expect(passwordProblem(password, { email: "jane.doe@example.com" })).toBeNull();
  });
});

describe("changePassword", () => {
  it("needs the current password, applies the rules, keeps this session and ends the others; audited without secrets", async () => {
    const { user } = await makeUser("reader");
    const here = await sessionOf(user.email, TEST_PASSWORD);
    const elsewhere = await sessionOf(user.email, TEST_PASSWORD);
    await expect(changePassword({ ctx: here, input: { currentPassword: "wrong one", newPassword: NEW_PASSWORD } })).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { currentPassword: ["Not correct"] },
    });
    await expect(
      changePassword({ ctx: here, input: { currentPassword: TEST_PASSWORD, newPassword: "password1234" } }),
    ).rejects.toMatchObject({
      fieldErrors: { newPassword: [expect.stringMatching(/common/)] },
    });
    await expect(changePassword({ ctx: here, input: { currentPassword: TEST_PASSWORD, newPassword: "short" } })).rejects.toMatchObject({
      name: "ZodError",
    });
    await changePassword({ ctx: here, input: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });

    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(row.passwordChangedAt).not.toBeNull();
    expect(await sessionState(here)).toBe("succeeded");
    expect(await sessionState(elsewhere)).toBe("ended");
    await expect(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, {})).rejects.toMatchObject({ code: "unauthorized" });
    await expect(signInWithPassword({ email: user.email, password: NEW_PASSWORD }, {})).resolves.toMatchObject({ id: user.id });

    const audit = await auditRowsFor(user.id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["auth.password_check_failed", "user.password_changed"]));
    expect(audit.find((a) => a.action === "user.password_changed")?.after).toEqual({ otherSessionsEnded: 1 });
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
  });

  it(`locks after ${MAX_FAILURES} wrong current passwords, as signing in does`, async () => {
    const { user } = await makeUser("reader");
    const ctx = await sessionOf(user.email, TEST_PASSWORD);
    for (let i = 0; i < MAX_FAILURES; i++) {
      await expect(changePassword({ ctx, input: { currentPassword: `wrong ${i}`, newPassword: NEW_PASSWORD } })).rejects.toMatchObject({
        code: "validation_failed",
      });
    }
    await expect(changePassword({ ctx, input: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } })).rejects.toMatchObject({
      code: "rate_limited",
    });
    await expect(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, {})).rejects.toMatchObject({ code: "rate_limited" });
  });
});

describe("resetPassword", () => {
  it("gives a generated password shown once, ends the sessions, and makes the user change it before anything else", async () => {
    const { ctx: admin } = await makeUser("admin");
    const { user } = await makeUser("trigger");
    await expect(resetPassword({ ctx: admin, id: admin.actor.id })).rejects.toMatchObject({ code: "conflict" });
    const { generatedPassword } = await resetPassword({ ctx: admin, id: user.id });
    expect(generatedPassword).toMatch(/^\S{20}$/);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ mustChangePassword: true, sessionVersion: 1 });
    const [audit] = (await auditRowsFor(user.id)).filter((a) => a.action === "user.password_reset");
    expect(audit.actorId).toBe(admin.actor.id);
    expect(JSON.stringify(audit)).not.toContain(generatedPassword);

    const ctx = await sessionOf(user.email, generatedPassword);
    expect(ctx.mustChangePassword).toBe(true);
    expect(() => authorize(ctx, "portal.read")).toThrow(/new password first/);
    expect(() => authorize(ctx, "integrations.trigger")).toThrow(/new password first/);
    expect(() => authorize(ctx, "account.manage")).not.toThrow();
    await changePassword({ ctx, input: { currentPassword: generatedPassword, newPassword: NEW_PASSWORD } });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(false);
  });

  it("is refused to a user who is not an admin", async () => {
    const { ctx } = await makeUser("trigger");
    const { user } = await makeUser("reader");
    await expect(resetPassword({ ctx, id: user.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(resetPassword({ ctx: (await makeUser("admin")).ctx, id: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("createUser with a chosen password", () => {
  it("applies the same rules", async () => {
    const { ctx } = await makeUser("admin");
    await expect(
      createUser({ ctx, input: { email: `pw-${Date.now()}@test.example`, name: "X", password: "football1234" } }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { password: [expect.any(String)] },
    });
  });
});
