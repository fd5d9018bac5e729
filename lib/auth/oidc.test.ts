// Single sign-on configured for this file (env() is read once per test file).
process.env.PORTAL_OIDC_ISSUER = "https://idp.test.example/realms/main";
process.env.PORTAL_OIDC_CLIENT_ID = "portal";
process.env.PORTAL_OIDC_CLIENT_SECRET = "oidc-unit-secret";
process.env.PORTAL_OIDC_ADMIN_VALUES = "ops-admins, platform";
process.env.PORTAL_OIDC_TRIGGER_VALUES = "ops";

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env, parseEnv } from "@/lib/env";
import { makeUser } from "@/lib/testing/factories";
import { updateUser } from "@/lib/users/update-user";
import { asSystem, DEFAULT_WORKSPACE, DEFAULT_WORKSPACE_ID } from "@/lib/workspaces/scope";
import { membershipsFromClaims, rolesFromClaims, signInWithOidc } from "./oidc";

const membershipsOf = (userId: string) =>
  db.membership.findMany({
    where: { userId },
    orderBy: { workspaceId: "asc" },
    select: { workspaceId: true, role: true, canTriggerIntegrations: true, source: true },
  });

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
    expect(user).toMatchObject({ email: `${sub}@corp.example`, passwordHash: null, ssoSubject: sub, isAdmin: false });
    // Without PORTAL_OIDC_WORKSPACE_ROLES the admin and trigger values decide the default workspace's membership.
    expect(await membershipsOf(user.id)).toEqual([
      { workspaceId: DEFAULT_WORKSPACE_ID, role: "member", canTriggerIntegrations: true, source: "sso" },
    ]);
    const session = await db.signInAttempt.findUniqueOrThrow({ where: { id: BigInt(first.sessionId) } });
    expect(session).toMatchObject({ outcome: "succeeded", email: user.email });

    const second = await signInWithOidc(claims(sub, ["ops-admins"]), {});
    expect(second.id).toBe(first.id);
    expect(second.sessionVersion).toBe(first.sessionVersion + 1);
    expect(await membershipsOf(first.id)).toEqual([
      { workspaceId: DEFAULT_WORKSPACE_ID, role: "admin", canTriggerIntegrations: false, source: "sso" },
    ]);
    // The instance admin flag is not the claims' business.
    expect((await db.user.findUniqueOrThrow({ where: { id: first.id } })).isAdmin).toBe(false);
    const changed = await asSystem(
      async () => await db.auditLog.findFirst({ where: { targetId: first.id, action: "member.role_changed" } }),
    );
    expect(changed).toMatchObject({ workspaceId: DEFAULT_WORKSPACE_ID, after: { role: "admin", via: "sso claims" } });

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
    // An instance-level row (no workspace): read across workspaces.
    const refused = await asSystem(
      async () => await db.auditLog.count({ where: { action: "auth.sign_in_failed", targetLabel: user.email } }),
    );
    expect(refused).toBeGreaterThan(0);
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

describe("PORTAL_OIDC_WORKSPACE_ROLES", () => {
  const withMapping = (mapping: string) => parseEnv({ ...process.env, PORTAL_OIDC_WORKSPACE_ROLES: mapping });
  const makeWorkspace = async (prefix: string) => {
    const slug = `${prefix}-${randomUUID().slice(0, 8)}`;
    return db.workspace.create({ data: { name: prefix, slug, planId: DEFAULT_WORKSPACE.planId } });
  };

  it("maps claim values to memberships: the highest role of a workspace's values, trigger if any grants it", () => {
    const e = withMapping("acme-admins=acme:admin, acme-ops=acme:member+trigger, globex=globex:member");
    expect(membershipsFromClaims(claims("a", ["acme-ops", "acme-admins", "other"]), e)).toEqual([
      { workspace: { slug: "acme" }, role: "admin", canTriggerIntegrations: true },
    ]);
    expect(membershipsFromClaims(claims("a", "globex"), e)).toEqual([
      { workspace: { slug: "globex" }, role: "member", canTriggerIntegrations: false },
    ]);
    expect(membershipsFromClaims(claims("a", []), e)).toEqual([]);
    // Without the mapping: the default workspace, from the admin and trigger values.
    expect(membershipsFromClaims(claims("a", ["platform"]), env())).toEqual([
      { workspace: { id: DEFAULT_WORKSPACE_ID }, role: "admin", canTriggerIntegrations: false },
    ]);
  });

  it("refuses an entry that is not value=slug:role[+trigger]", () => {
    expect(() => withMapping("acme-admins=acme:boss")).toThrow(/PORTAL_OIDC_WORKSPACE_ROLES: each entry/);
    expect(() => withMapping("acme")).toThrow(/PORTAL_OIDC_WORKSPACE_ROLES/);
  });

  it("creates, raises, lowers and removes the memberships SSO made at each sign-in; leaves the portal's own; audited per workspace", async () => {
    const acme = await makeWorkspace("acme");
    const globex = await makeWorkspace("globex");
    const e = withMapping(
      `acme-admins=${acme.slug}:admin,acme-ops=${acme.slug}:member+trigger,globex=${globex.slug}:member,ghost=no-such-ws:admin`,
    );
    const sub = `sub-${randomUUID()}`;
    const first = await signInWithOidc(claims(sub, ["acme-admins", "ghost"]), {}, e);
    // The mapping alone decides: no membership of the default workspace.
    expect(await membershipsOf(first.id)).toEqual([{ workspaceId: acme.id, role: "admin", canTriggerIntegrations: false, source: "sso" }]);

    // An invitation made the user a member of the default workspace: the mapping does not name it, it stays.
    await db.membership.create({ data: { workspaceId: DEFAULT_WORKSPACE_ID, userId: first.id, role: "member" } });
    const second = await signInWithOidc(claims(sub, ["acme-ops", "globex"]), {}, e);
    expect(second.sessionVersion).toBe(first.sessionVersion + 1);
    const rows = await membershipsOf(first.id);
    expect(rows).toEqual(
      expect.arrayContaining([
        { workspaceId: acme.id, role: "member", canTriggerIntegrations: true, source: "sso" },
        { workspaceId: globex.id, role: "member", canTriggerIntegrations: false, source: "sso" },
        { workspaceId: DEFAULT_WORKSPACE_ID, role: "member", canTriggerIntegrations: false, source: "portal" },
      ]),
    );
    expect(rows).toHaveLength(3);

    await signInWithOidc(claims(sub, ["globex"]), {}, e);
    expect((await membershipsOf(first.id)).map((m) => m.workspaceId).sort()).toEqual([DEFAULT_WORKSPACE_ID, globex.id].sort());
    const audit = await asSystem(
      async () => await db.auditLog.findMany({ where: { targetId: first.id, workspaceId: acme.id }, orderBy: { createdAt: "asc" } }),
    );
    expect(audit.map((a) => a.action)).toEqual(["member.joined", "member.role_changed", "member.removed"]);

    // Unchanged claims keep the sessions.
    const third = await signInWithOidc(claims(sub, ["globex"]), {}, e);
    expect((await signInWithOidc(claims(sub, ["globex"]), {}, e)).sessionVersion).toBe(third.sessionVersion);
  });

  it("keeps the last owner of a workspace when the claims no longer grant it", async () => {
    const acme = await makeWorkspace("acme");
    const e = withMapping(`acme-owners=${acme.slug}:owner`);
    const sub = `sub-${randomUUID()}`;
    const { id } = await signInWithOidc(claims(sub, ["acme-owners"]), {}, e);
    expect(await membershipsOf(id)).toEqual([{ workspaceId: acme.id, role: "owner", canTriggerIntegrations: false, source: "sso" }]);
    await signInWithOidc(claims(sub, []), {}, e);
    expect(await membershipsOf(id)).toEqual([{ workspaceId: acme.id, role: "owner", canTriggerIntegrations: false, source: "sso" }]);
  });
});
