import { createHash, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";

/**
 * TOTP (RFC 6238) as every authenticator app reads it: SHA-1, 6 digits, 30-second steps, a
 * 160-bit secret. A code is accepted one step either side of now (clock drift), and each step
 * at most once: the caller stores the step verifyTotp returns and refuses one not after it.
 */
const PERIOD = 30;
const DIGITS = 6;

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The otpauth:// URI the QR code carries: issuer and account name as the app shows them. */
export function totpUri(secret: string, issuer: string, account: string) {
  return totp(secret, issuer, account).toString();
}

/** The time step of a correct code, or null. */
export function verifyTotp(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

/** The code for a moment (tests and the enrolment journey use it as an authenticator app would). */
export const totpCode = (secret: string, now = Date.now()) => totp(secret).generate({ timestamp: now });

const totp = (secret: string, issuer = "", label = "") =>
  new TOTP({ issuer, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secret) });

/** Whether what a person typed is shaped like a TOTP code (else it may be a recovery code). */
export const looksLikeTotp = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ""));

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: read off paper and typed back.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten codes like `k7m2p-x9qrt` (50 bits each), each usable once instead of the app's code. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
    return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
  });
}

/** Stored form of a recovery code: case, spaces and dashes do not matter when typed back. */
export const hashRecoveryCode = (code: string) => createHash("sha256").update(code.toLowerCase().replace(/[\s-]/g, "")).digest("hex");
