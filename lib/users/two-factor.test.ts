import { afterEach, describe, expect, it } from "vitest";
import { authorize, type Ctx } from "@/lib/auth/context";
import { MAX_FAILURES, signInWithPassword } from "@/lib/auth/sign-in";
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpCode, verifyTotp } from "@/lib/auth/totp";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { auditRowsFor, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { DEFAULT_WORKSPACE } from "@/lib/workspaces/scope";
import { SECOND_FACTOR_REQUIRED } from "./schemas";
import { securitySettings, updateSecuritySettings } from "./security-settings";
import {
  confirmTwoFactorSetup,
  renewRecoveryCodes,
  resetTwoFactor,
  startTwoFactorSetup,
  turnOffTwoFactor,
  twoFactorStatus,
} from "./two-factor";

const STEP = 30_000;
const signIn = (email: string, code?: string) =>
  signInWithPassword({ email, password: TEST_PASSWORD, ...(code !== undefined && { code }) }, {});
const sessionOf = async (email: string, code?: string): Promise<Ctx> => {
  const s = await signIn(email, code);
  // makeUser's users are members of the default workspace: the session acts there.
  return { actor: s, via: "session", sessionId: s.sessionId, workspace: DEFAULT_WORKSPACE };
};

/** A user who set up two-factor through the verbs, as the account page does. */
async function enrolledUser(role: "reader" | "admin" = "reader") {
  const { user, ctx } = await makeUser(role);
  const { secret, uri, qrSvg } = await startTwoFactorSetup({ ctx, input: { currentPassword: TEST_PASSWORD } });
  expect(uri).toMatch(new RegExp(`^otpauth://totp/.+\\?.*secret=${secret}`));
  expect(qrSvg).toMatch(/^<svg/);
  const { recoveryCodes } = await confirmTwoFactorSetup({ ctx, input: { code: totpCode(secret) } });
  return { user, ctx, secret, recoveryCodes };
}
/** The app's next code: the one confirming setup (this step's) is not accepted twice. */
const nextCode = (secret: string, steps = 1) => totpCode(secret, Date.now() + steps * STEP);
/** Six digits that no step around now gives. */
function wrongCode(secret: string) {
  const near = new Set([-1, 0, 1, 2].map((s) => nextCode(secret, s)));
  for (let n = 0; ; n++) if (!near.has(String(n).padStart(6, "0"))) return String(n).padStart(6, "0");
}

afterEach(async () => {
  await db.portalSettings.deleteMany();
});

describe("TOTP codes", () => {
  it("accepts this step's code and one step either side, once each; refuses others and malformed input", () => {
    const secret = newTotpSecret();
    const now = Date.now();
    const step = Math.floor(now / STEP);
    expect(verifyTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, now - STEP), now)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, now + STEP), now)).toBe(step + 1);
    expect(verifyTotp(secret, totpCode(secret, now + 3 * STEP), now)).toBeNull();
    expect(verifyTotp(secret, totpCode(newTotpSecret(), now), now)).toBeNull();
    for (const bad of ["", "12345", "1234567", "abcdef", "12 34 5x"]) expect(verifyTotp(secret, bad, now)).toBeNull();
    const code = totpCode(secret, now);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(step);
  });

  it("makes ten distinct recovery codes, matched however they are typed back", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashRecoveryCode(codes[0].toUpperCase().replace("-", " "))).toBe(hashRecoveryCode(codes[0]));
  });
});

describe("setting up two-factor", () => {
  it("needs the current password, then a code from the secret; stores the secret encrypted and the recovery codes hashed; audited", async () => {
    const { user, ctx } = await makeUser("reader");
    await expect(startTwoFactorSetup({ ctx, input: { currentPassword: "wrong" } })).rejects.toMatchObject({
      fieldErrors: { currentPassword: ["Not correct"] },
    });
    await expect(confirmTwoFactorSetup({ ctx, input: { code: "123456" } })).rejects.toMatchObject({ code: "conflict" });
    const { secret } = await startTwoFactorSetup({ ctx, input: { currentPassword: TEST_PASSWORD } });
    await expect(confirmTwoFactorSetup({ ctx, input: { code: wrongCode(secret) } })).rejects.toMatchObject({
      fieldErrors: { code: ["Not correct"] },
    });
    await expect(confirmTwoFactorSetup({ ctx, input: { code: "12a456" } })).rejects.toMatchObject({ name: "ZodError" });
    expect((await twoFactorStatus(ctx)).enabledAt).toBeNull();

    const { recoveryCodes } = await confirmTwoFactorSetup({ ctx, input: { code: totpCode(secret) } });
    expect(recoveryCodes).toHaveLength(10);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { recoveryCodes: true } });
    expect(row.totpPendingSecret).toBeNull();
    expect(row.totpSecret).not.toContain(secret);
    expect(decryptSecret(row.totpSecret!)).toBe(secret);
    expect(row.recoveryCodes.map((r) => r.codeHash).sort()).toEqual(recoveryCodes.map(hashRecoveryCode).sort());
    expect(await twoFactorStatus(ctx)).toMatchObject({ available: true, enabledAt: expect.any(Date), recoveryCodesLeft: 10 });
    await expect(startTwoFactorSetup({ ctx, input: { currentPassword: TEST_PASSWORD } })).rejects.toMatchObject({ code: "conflict" });

    const audit = await auditRowsFor(user.id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["auth.password_check_failed", "user.two_factor_enabled"]));
    expect(JSON.stringify(audit)).not.toContain(secret);
    for (const code of recoveryCodes) expect(JSON.stringify(audit)).not.toContain(code);
  });

  it("is not offered to a single sign-on user", async () => {
    const { user, ctx } = await makeUser("reader");
    await db.user.update({ where: { id: user.id }, data: { passwordHash: null, ssoIssuer: "https://idp.test", ssoSubject: user.id } });
    expect((await twoFactorStatus(ctx)).available).toBe(false);
    await expect(startTwoFactorSetup({ ctx, input: { currentPassword: "x" } })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("signing in with two-factor", () => {
  it("asks for the code after a right password, without starting a session; takes each code once; audits the factor", async () => {
    const { user, secret } = await enrolledUser();
    await expect(signIn(user.email)).rejects.toMatchObject({ code: "unauthorized", message: SECOND_FACTOR_REQUIRED });
    await expect(signInWithPassword({ email: user.email, password: "wrong", code: nextCode(secret) }, {})).rejects.toMatchObject({
      message: "The email or password is not correct.",
    });
    await expect(signIn(user.email, wrongCode(secret))).rejects.toMatchObject({ code: "unauthorized", message: /code is not correct/ });
    const code = nextCode(secret);
    await expect(signIn(user.email, code)).resolves.toMatchObject({ id: user.id });
    await expect(signIn(user.email, code)).rejects.toMatchObject({ message: /code is not correct/ }); // replayed

    const attempts = await db.signInAttempt.findMany({ where: { email: user.email }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => a.outcome)).toEqual(["confirmed", "second_factor", "failed", "failed", "succeeded", "failed"]);
    const audit = await auditRowsFor(user.id);
    expect(audit.filter((a) => a.action === "auth.sign_in_failed").map((a) => a.after)).toEqual([
      { reason: "wrong_password" },
      { reason: "wrong_code" },
      { reason: "wrong_code" },
    ]);
    expect(audit.find((a) => a.action === "auth.signed_in")?.after).toEqual({ secondFactor: "totp" });
  });

  it("takes each recovery code once, however it is typed, and says how many are left", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    await expect(signIn(user.email, `  ${recoveryCodes[3].toUpperCase()} `)).resolves.toMatchObject({ id: user.id });
    await expect(signIn(user.email, recoveryCodes[3])).rejects.toMatchObject({ message: /code is not correct/ });
    await expect(signIn(user.email, "nope-nope1")).rejects.toMatchObject({ message: /code is not correct/ });
    const audit = await auditRowsFor(user.id);
    expect(audit.find((a) => a.action === "auth.signed_in")?.after).toEqual({ secondFactor: "recovery_code", recoveryCodesLeft: 9 });
    expect(audit.filter((a) => a.action === "auth.sign_in_failed").map((a) => a.after)).toEqual([
      { reason: "wrong_recovery_code" },
      { reason: "wrong_recovery_code" },
    ]);
  });

  it(`locks the account after ${MAX_FAILURES} wrong codes, as after wrong passwords: a right code is then refused too`, async () => {
    const { user, secret } = await enrolledUser();
    for (let i = 0; i < MAX_FAILURES; i++)
      await expect(signIn(user.email, wrongCode(secret))).rejects.toMatchObject({ code: "unauthorized" });
    await expect(signIn(user.email, nextCode(secret))).rejects.toMatchObject({ code: "rate_limited" });
    await expect(signIn(user.email)).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("holds when one code is sent by many sign-ins at once: exactly one succeeds", async () => {
    const { user, secret } = await enrolledUser();
    const code = nextCode(secret);
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => signIn(user.email, code)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });
});

describe("recovery codes and turning off", () => {
  it("renews the recovery codes (the old ones stop working) and turns off with the password", async () => {
    const { user, ctx, recoveryCodes } = await enrolledUser();
    await expect(renewRecoveryCodes({ ctx, input: { currentPassword: "wrong" } })).rejects.toMatchObject({ code: "validation_failed" });
    const renewed = await renewRecoveryCodes({ ctx, input: { currentPassword: TEST_PASSWORD } });
    expect(renewed.recoveryCodes.some((c) => recoveryCodes.includes(c))).toBe(false);
    await expect(signIn(user.email, recoveryCodes[0])).rejects.toMatchObject({ message: /code is not correct/ });
    await expect(signIn(user.email, renewed.recoveryCodes[0])).resolves.toMatchObject({ id: user.id });

    await expect(turnOffTwoFactor({ ctx, input: { currentPassword: "wrong" } })).rejects.toMatchObject({ code: "validation_failed" });
    await turnOffTwoFactor({ ctx, input: { currentPassword: TEST_PASSWORD } });
    await expect(signIn(user.email)).resolves.toMatchObject({ id: user.id });
    expect(await db.twoFactorRecoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await auditRowsFor(user.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(["user.two_factor_enabled", "user.recovery_codes_renewed", "user.two_factor_disabled"]),
    );
  });

  it("lets an admin reset another user's two-factor, ending their sessions; not their own, not for a reader", async () => {
    const { user, ctx: userCtx } = await enrolledUser();
    const { ctx: admin } = await makeUser("admin");
    await expect(resetTwoFactor({ ctx: userCtx, id: admin.actor.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(resetTwoFactor({ ctx: admin, id: admin.actor.id })).rejects.toMatchObject({ code: "conflict" });
    await resetTwoFactor({ ctx: admin, id: user.id });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, sessionVersion: 1 });
    await expect(resetTwoFactor({ ctx: admin, id: user.id })).rejects.toMatchObject({ code: "conflict" });
    await expect(signIn(user.email)).resolves.toMatchObject({ id: user.id });
    const [audit] = (await auditRowsFor(user.id)).filter((a) => a.action === "user.two_factor_reset");
    expect(audit.actorId).toBe(admin.actor.id);
  });
});

describe("requiring two-factor of admins", () => {
  it("is refused to an admin without it, allowed once they have it, audited; then an admin cannot turn theirs off", async () => {
    const { ctx: plain } = await makeUser("admin");
    await expect(updateSecuritySettings({ ctx: plain, input: { requireAdminTwoFactor: true } })).rejects.toMatchObject({
      code: "conflict",
      message: /own account first/,
    });
    const { ctx: reader } = await makeUser("reader");
    await expect(updateSecuritySettings({ ctx: reader, input: { requireAdminTwoFactor: true } })).rejects.toMatchObject({
      code: "forbidden",
    });

    const { ctx: admin } = await enrolledUser("admin");
    const settings = await updateSecuritySettings({ ctx: admin, input: { requireAdminTwoFactor: true } });
    expect(settings).toMatchObject({ requireAdminTwoFactor: true, adminsWithoutTwoFactor: expect.any(Number) });
    expect(settings.adminsWithoutTwoFactor).toBeGreaterThanOrEqual(1);
    expect(await securitySettings(admin)).toMatchObject({ requireAdminTwoFactor: true });
    expect(await twoFactorStatus(admin)).toMatchObject({ requiredForYou: true });
    await expect(turnOffTwoFactor({ ctx: admin, input: { currentPassword: TEST_PASSWORD } })).rejects.toMatchObject({
      code: "conflict",
      message: /required for admins/,
    });
    const [audit] = await db.auditLog.findMany({ where: { action: "settings.updated", actorId: admin.actor.id } });
    expect(audit).toMatchObject({ before: { requireAdminTwoFactor: false }, after: { requireAdminTwoFactor: true } });
  });

  it("holds an admin's session to setting it up: nothing but the account's own verbs", () => {
    const ctx: Ctx = {
      actor: { id: "x", email: "a@x", name: "A", isAdmin: true, canTriggerIntegrations: true, isInstanceAdmin: true },
      via: "session",
      mustSetUpTwoFactor: true,
    };
    expect(() => authorize(ctx, "portal.read")).toThrow(/two-factor for admins/);
    expect(() => authorize(ctx, "tokens.manage")).toThrow(/two-factor for admins/);
    expect(() => authorize(ctx, "users.manage")).toThrow(/two-factor for admins/);
    expect(() => authorize(ctx, "account.manage")).not.toThrow();
  });

  it("signs an enrolled admin in with a code (from a session ctx the verbs accept)", async () => {
    const { user, secret } = await enrolledUser("admin");
    const ctx = await sessionOf(user.email, nextCode(secret));
    // Acting in the workspace the admin owns (getCtx names it from the request).
    expect(() => authorize({ ...ctx, workspace: DEFAULT_WORKSPACE, membership: { role: "owner" } }, "users.manage")).not.toThrow();
  });
});
