import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

const VERSION = "v1";

/**
 * Secrets at rest (bearer tokens, signing secrets): AES-256-GCM with PORTAL_ENCRYPTION_KEY,
 * a fresh 96-bit nonce per value, stored as `v1:<nonce>:<tag>:<ciphertext>` in base64.
 */
export function encryptSecret(plaintext: string, key = encryptionKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

export function decryptSecret(stored: string, key?: Buffer): string {
  if (key) return decrypt(stored, key);
  // A worker reads the same few webhooks' secrets for every delivery: each stored value (its nonce
  // makes it unique) is decrypted once per process, for the most recent DECRYPTED_KEPT values.
  let plaintext = decrypted.get(stored);
  if (plaintext === undefined) {
    plaintext = decrypt(stored, encryptionKey());
    if (decrypted.size >= DECRYPTED_KEPT) decrypted.delete(decrypted.keys().next().value!);
  } else decrypted.delete(stored);
  decrypted.set(stored, plaintext);
  return plaintext;
}

const DECRYPTED_KEPT = 1_000;
const decrypted = new Map<string, string>();

function decrypt(stored: string, key: Buffer): string {
  const [version, iv, tag, ciphertext] = stored.split(":");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("Unrecognised secret format");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}

const encryptionKey = () => Buffer.from(env().PORTAL_ENCRYPTION_KEY, "base64");
