// Single sign-on configured for this file (env() is read once per test file).
process.env.PORTAL_OIDC_ISSUER = "https://idp.test.example/realms/main";
process.env.PORTAL_OIDC_CLIENT_ID = "portal";
process.env.PORTAL_OIDC_CLIENT_SECRET = "oidc-unit-secret";
process.env.PORTAL_OIDC_ADMIN_VALUES = "ops-admins, platform";
process.env.PORTAL_OIDC_TRIGGER_VALUES = "ops";

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { makeUser } from "@/lib/testing/factories";
import { updateUser } from "@/lib/users/update-user";
import { rolesFromClaims, signInWithOidc } from "./oidc";
import { asSystem } from "@/lib/workspaces/scope";

const claims = (sub: string, groups: unknown, extra: Record<string, unknown> = {}) => ({
  sub,
  email: `${sub}@Corp.example`,
  email_verified: true,
  name: "Ada Lovelace",
  groups,
  ...extra,
});

describe("rolesFromClaims", () => {
  it("reads a list or a single value of the configured claim", () => {
    expect(rolesFromClaims(claims("a", ["ops", "platform"]))).toEqual({ isAdmin: true, canTriggerIntegrations: true });
    expect(rolesFromClaims(claims("a", "ops"))).toEqual({ isAdmin: false, canTriggerIntegrations: true });
    expect(rolesFromClaims(claims("a", undefined))).toEqual({ isAdmin: false, canTriggerIntegrations: false });
    expect(rolesFromClaims(claims("a", [{ name: "ops" }, 7]))).toEqual({ isAdmin: false, canTriggerIntegrations: false });
  });
});

describe("signInWithOidc", () => {
  it("creates a user without a password at the first sign-in, and the flags follow the claims at every sign-in", async () => {
    const sub = `sub-${randomUUID()}`;
    const first = await signInWithOidc(claims(sub, ["ops"]), {});
    const user = await db.user.findUniqueOrThrow({ where: { id: first.id } });
    expect(user).toMatchObject({
      email: `${sub}@corp.example`,
      passwordHash: null,
      ssoSubject: sub,
      isAdmin: false,
      canTriggerIntegrations: true,
    });
    const session = await db.signInAttempt.findUniqueOrThrow({ where: { id: BigInt(first.sessionId) } });
    expect(session).toMatchObject({ outcome: "succeeded", email: user.email });

    const second = await signInWithOidc(claims(sub, ["ops-admins"]), {});
    expect(second.id).toBe(first.id);
    expect(second.sessionVersion).toBe(first.sessionVersion + 1);
    expect(await db.user.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ isAdmin: true, canTriggerIntegrations: false });
    const changed = await db.auditLog.findFirst({ where: { targetId: first.id, action: "user.permission_changed" } });
    expect(changed?.after).toMatchObject({ isAdmin: true, via: "sso claims" });

    // Unchanged claims keep the sessions.
    expect((await signInWithOidc(claims(sub, ["ops-admins"]), {})).sessionVersion).toBe(second.sessionVersion);
  });

  it("links an existing user by a verified email only, and refuses a deactivated one", async () => {
    const { user } = await makeUser("reader");
    const sub = `sub-${randomUUID()}`;
    const unverified = { ...claims(sub, []), email: user.email, email_verified: false };
    await expect(signInWithOidc(unverified, {})).rejects.toMatchObject({ reason: "email_taken" });
    const linked = await signInWithOidc({ ...claims(sub, []), email: user.email }, {});
    expect(linked.id).toBe(user.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).ssoSubject).toBe(sub);

    const { ctx: admin } = await makeUser("admin");
    await updateUser({ ctx: admin, id: user.id, input: { active: false } });
    await expect(signInWithOidc({ ...claims(sub, []), email: user.email }, {})).rejects.toMatchObject({
      code: "unauthorized",
      reason: "deactivated",
    });
    // A sign-in is audited before any workspace is known: an instance-level row.
    const refused = await asSystem(
      async () => await db.auditLog.findMany({ where: { action: "auth.sign_in_failed", targetLabel: user.email } }),
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((row) => row.workspaceId === null)).toBe(true);
  });

  it("keeps the flags of SSO users away from admins' switches when the claims manage them", async () => {
    const { ctx: admin } = await makeUser("admin");
    const signedIn = await signInWithOidc(claims(`sub-${randomUUID()}`, []), {});
    await expect(updateUser({ ctx: admin, id: signedIn.id, input: { isAdmin: true } })).rejects.toMatchObject({ code: "conflict" });
    await expect(updateUser({ ctx: admin, id: signedIn.id, input: { name: "Renamed" } })).resolves.toMatchObject({ name: "Renamed" });
  });
});

describe("the SSO settings", () => {
  const base = {
    NODE_ENV: "test",
    DATABASE_URL: "postgresql://x@localhost/x",
    PORTAL_AUTH_SECRET: "x".repeat(32),
    PORTAL_ENCRYPTION_KEY: Buffer.alloc(32).toString("base64"),
  } as const;

  it("need the client with the issuer, and password sign-in can be off only with SSO", () => {
    expect(() => parseEnv({ ...base, PORTAL_OIDC_ISSUER: "https://idp.example" })).toThrow(/PORTAL_OIDC_CLIENT_ID: is required/);
    expect(() => parseEnv({ ...base, PORTAL_PASSWORD_SIGN_IN: "0" })).toThrow(/PORTAL_PASSWORD_SIGN_IN/);
    expect(
      parseEnv({
        ...base,
        PORTAL_OIDC_ISSUER: "https://idp.example",
        PORTAL_OIDC_CLIENT_ID: "c",
        PORTAL_OIDC_CLIENT_SECRET: "s",
        PORTAL_PASSWORD_SIGN_IN: "0",
        PORTAL_OIDC_ADMIN_VALUES: "a, b",
      }),
    ).toMatchObject({
      PORTAL_PASSWORD_SIGN_IN: false,
      PORTAL_OIDC_ADMIN_VALUES: ["a", "b"],
    });
  });
});
