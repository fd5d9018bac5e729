import { X509Certificate, createPrivateKey, type KeyObject } from "node:crypto";

/** What the TLS handshake with one receiver uses besides the portal-wide settings. */
export type ReceiverTls = {
  /** A client certificate (PEM, leaf first, chain allowed) and its private key (PEM). */
  clientCertificate?: { cert: string; key: string };
  /** CA certificates (PEM) trusted for this receiver only. */
  ca?: string;
};

export type ClientCertificateCheck = { ok: true; subject: string; notAfter: Date } | { ok: false; field: "cert" | "key"; message: string };

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Checks a client certificate before it is saved: a PEM certificate (chain allowed), valid now and
 * not expired, and an unencrypted private key that belongs to it. Messages name the problem
 * without repeating the key.
 */
export function checkClientCertificate(cert: string, key: string, now: Date = new Date()): ClientCertificateCheck {
  const [first] = cert.match(PEM_CERTIFICATE) ?? [];
  if (first === undefined) return { ok: false, field: "cert", message: "Paste a PEM certificate (-----BEGIN CERTIFICATE----- …)" };
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(first);
  } catch {
    return { ok: false, field: "cert", message: "This is not a readable PEM certificate" };
  }
  const notAfter = new Date(leaf.validTo);
  if (notAfter <= now) return { ok: false, field: "cert", message: `This certificate expired on ${day(notAfter)}` };
  const notBefore = new Date(leaf.validFrom);
  if (notBefore > now) return { ok: false, field: "cert", message: `This certificate is valid only from ${day(notBefore)}` };
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? error.code : null;
    return code === "ERR_MISSING_PASSPHRASE"
      ? {
          ok: false,
          field: "key",
          message: "This key is protected by a passphrase: save it without one (openssl pkey -in key.pem -out plain.pem)",
        }
      : { ok: false, field: "key", message: "Paste the certificate's private key in PEM (-----BEGIN PRIVATE KEY----- …)" };
  }
  if (!leaf.checkPrivateKey(privateKey)) return { ok: false, field: "key", message: "This key does not belong to the certificate" };
  return { ok: true, subject: leaf.subject.replace(/\n/g, ", "), notAfter };
}

/** Checks a CA bundle: one or more readable PEM certificates. Returns a message, or null when it is fine. */
export function caBundleProblem(pem: string): string | null {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) return "Paste one or more PEM certificates (-----BEGIN CERTIFICATE----- …)";
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      return `Certificate ${i + 1} of the bundle is not readable`;
    }
  }
  return null;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
