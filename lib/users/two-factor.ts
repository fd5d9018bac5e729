import QRCode from "qrcode";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { endSessions } from "@/lib/auth/end-sessions";
import { confirmPassword } from "@/lib/auth/sign-in";
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri, verifyTotp } from "@/lib/auth/totp";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { conflict, invalid, notFound } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { assertMayManageAccount, findMember } from "@/lib/members/rules";
import { adminTwoFactorRequired } from "./security-settings";
import { currentPasswordInput, totpCodeInput, type CurrentPasswordInput, type TotpCodeInput } from "./schemas";

/**
 * Optional TOTP two-factor for password accounts (single sign-on leaves it to the identity
 * provider). Setting it up, renewing recovery codes and turning it off each start with the
 * current password, checked under the sign-in lockout, so a session left open is not enough.
 * Every change is audited; no secret or code reaches the audit log.
 */

/** What the account page shows of the acting user's two-factor. */
export async function twoFactorStatus(ctx: Ctx) {
  authorize(ctx, "account.manage");
  const user = await db.user.findUnique({
    where: { id: ctx.actor.id },
    select: { passwordHash: true, totpEnabledAt: true, isAdmin: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
  });
  if (!user) throw notFound("User");
  return {
    /** False for a single sign-on user: their identity provider handles a second factor. */
    available: user.passwordHash !== null,
    enabledAt: user.totpEnabledAt,
    recoveryCodesLeft: user._count.recoveryCodes,
    requiredForYou: heldAsAdmin(ctx) && user.passwordHash !== null && (await adminTwoFactorRequired()),
  };
}

/**
 * Step one: a new secret, kept as pending (encrypted) until a code from it is confirmed, and the
 * QR code and text an authenticator app reads. Starting again replaces a pending secret.
 */
export async function startTwoFactorSetup({ ctx, input }: { ctx: Ctx; input: CurrentPasswordInput }) {
  authorize(ctx, "account.manage");
  const { currentPassword } = currentPasswordInput.parse(input);
  const user = await passwordUser(ctx);
  if (user.totpEnabledAt) throw conflict("Two-factor is already on. Turn it off first to set it up with another app.");
  await confirmPassword(user, currentPassword, ctx);
  const secret = newTotpSecret();
  await db.user.update({ where: { id: user.id }, data: { totpPendingSecret: encryptSecret(secret) } });
  const uri = totpUri(secret, env().PORTAL_NAME, user.email);
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, uri, qrSvg };
}

/** Step two: a code from the app proves it holds the secret; two-factor is on, recovery codes shown once. */
export async function confirmTwoFactorSetup({ ctx, input }: { ctx: Ctx; input: TotpCodeInput }) {
  authorize(ctx, "account.manage");
  const { code } = totpCodeInput.parse(input);
  const user = await passwordUser(ctx);
  if (user.totpEnabledAt) throw conflict("Two-factor is already on.");
  if (!user.totpPendingSecret) throw conflict("Start setting up two-factor first.");
  const secret = decryptSecret(user.totpPendingSecret);
  const step = verifyTotp(secret, code);
  if (step === null)
    throw invalid("That code is not correct. Check the time on your phone, then enter the code shown now.", { code: ["Not correct"] });
  return db.$transaction(async (tx) => {
    // Conditional on the pending secret confirmed, so two confirmations at once turn it on once.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, totpPendingSecret: user.totpPendingSecret, totpEnabledAt: null },
      data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (count === 0) throw conflict("Two-factor setup changed meanwhile (another tab?). Reload the page.");
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await recordAudit(tx, ctx, { action: "user.two_factor_enabled", target: { type: "user", id: user.id, label: user.email } });
    return { recoveryCodes };
  });
}

/** New recovery codes in place of all the earlier ones (used or not), shown once. */
export async function renewRecoveryCodes({ ctx, input }: { ctx: Ctx; input: CurrentPasswordInput }) {
  authorize(ctx, "account.manage");
  const { currentPassword } = currentPasswordInput.parse(input);
  const user = await passwordUser(ctx);
  if (!user.totpEnabledAt) throw conflict("Two-factor is off: there are no recovery codes to renew.");
  await confirmPassword(user, currentPassword, ctx);
  return db.$transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await recordAudit(tx, ctx, { action: "user.recovery_codes_renewed", target: { type: "user", id: user.id, label: user.email } });
    return { recoveryCodes };
  });
}

/** Turns the acting user's two-factor off — not for an admin while the portal requires it of admins. */
export async function turnOffTwoFactor({ ctx, input }: { ctx: Ctx; input: CurrentPasswordInput }) {
  authorize(ctx, "account.manage");
  const { currentPassword } = currentPasswordInput.parse(input);
  const user = await passwordUser(ctx);
  if (!user.totpEnabledAt) throw conflict("Two-factor is already off.");
  if (heldAsAdmin(ctx) && (await adminTwoFactorRequired()))
    throw conflict("Two-factor is required for admins in this portal: it cannot be turned off.");
  await confirmPassword(user, currentPassword, ctx);
  await db.$transaction(async (tx) => {
    await clearTwoFactor(tx, user.id);
    await recordAudit(tx, ctx, { action: "user.two_factor_disabled", target: { type: "user", id: user.id, label: user.email } });
  });
}

/**
 * An admin turns off another user's two-factor (a lost phone and no recovery codes): their
 * sessions end, and they sign in with their password alone — or, as an admin under the
 * requirement, set it up again before anything else.
 */
export async function resetTwoFactor({ ctx, id }: { ctx: Ctx; id: string }) {
  authorize(ctx, "users.manage");
  assertId(id, "User");
  if (id === ctx.actor.id) throw conflict("Turn your own two-factor off on your account page, with your password.");
  await db.$transaction(async (tx) => {
    // Account-level: a member of this workspace only (404), and one of no other workspace unless an instance admin acts.
    assertMayManageAccount(ctx, await findMember(tx, ctx.workspace!.id, id));
    const user = await tx.user.findUniqueOrThrow({ where: { id }, select: { email: true, totpEnabledAt: true } });
    if (!user.totpEnabledAt) throw conflict("This user has not set up two-factor.");
    await clearTwoFactor(tx, id);
    await endSessions(id, tx);
    await recordAudit(tx, ctx, { action: "user.two_factor_reset", target: { type: "user", id, label: user.email } });
  });
}

/** Who the requirement holds (as getCtx does): an instance admin, or an owner or admin of the workspace acted in. */
const heldAsAdmin = (ctx: Ctx) => ctx.actor.isAdmin || ctx.actor.isInstanceAdmin;

async function passwordUser(ctx: Ctx) {
  const user = await db.user.findUnique({
    where: { id: ctx.actor.id },
    select: { id: true, email: true, isAdmin: true, passwordHash: true, totpEnabledAt: true, totpPendingSecret: true },
  });
  if (!user) throw notFound("User");
  if (!user.passwordHash) throw conflict("You sign in through single sign-on: a second factor is up to your identity provider.");
  return { ...user, passwordHash: user.passwordHash };
}

async function replaceRecoveryCodes(tx: Tx, userId: string) {
  const codes = newRecoveryCodes();
  await tx.twoFactorRecoveryCode.deleteMany({ where: { userId } });
  await tx.twoFactorRecoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}

async function clearTwoFactor(tx: Tx, userId: string) {
  await tx.user.update({
    where: { id: userId },
    data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
  });
  await tx.twoFactorRecoveryCode.deleteMany({ where: { userId } });
}
