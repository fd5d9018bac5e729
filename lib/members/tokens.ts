import { createHash, randomBytes } from "node:crypto";

/** A new invitation token: 32 random bytes, URL-safe. Shown once in the link; only its hash is kept. */
export const newInvitationToken = () => randomBytes(32).toString("base64url");

export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The path of an invitation's page. */
export const invitationPath = (token: string) => `/invite/${token}`;
