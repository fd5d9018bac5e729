// Triggering needs a receiver on loopback: allow "localhost" for this file, as the executions tests do.
const previousAllowList = process.env.PORTAL_WEBHOOK_ALLOWED_HOSTS;
process.env.PORTAL_WEBHOOK_ALLOWED_HOSTS = "localhost";

import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { createEvent } from "@/lib/events/create-event";
import { triggerIntegration } from "@/lib/executions/trigger-integration";
import { listExecutions } from "@/lib/executions/list-executions";
import { createIntegration } from "@/lib/integrations/create-integration";
import { saveWebhookConfig } from "@/lib/integrations/save-webhook-config";
import { auditRowsFor, makeUser } from "@/lib/testing/factories";
import { startReceiver } from "@/lib/testing/receiver";
import { authenticateToken } from "./authenticate-token";
import { createToken } from "./create-token";
import { listAllTokens } from "./list-all-tokens";
import { listTokens } from "./list-tokens";
import { revokeToken } from "./revoke-token";
import type { CreateTokenInput } from "./schemas";
import { DEFAULT_WORKSPACE_ID } from "@/lib/workspaces/scope";

afterAll(() => {
  process.env.PORTAL_WEBHOOK_ALLOWED_HOSTS = previousAllowList;
});

/** A token made through the verb, and the ctx a request bearing it gets. */
async function tokenCtx(owner: Ctx, input: CreateTokenInput) {
  const created = await createToken({ ctx: owner, input });
  const found = await authenticateToken(created.token);
  if (!found) throw new Error("the new token does not authenticate");
  const ctx: Ctx = {
    actor: found.actor,
    token: found.token,
    workspace: found.workspace,
    membership: found.membership,
    via: "token",
    ip: "203.0.113.8",
    userAgent: "curl/8",
  };
  return { created, ctx };
}

const refusal = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe("createToken", () => {
  it("stores the scopes and expiry, answers the token once, and audits without the secret", async () => {
    const { ctx } = await makeUser("trigger");
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    const created = await createToken({
      ctx,
      input: { name: "CI", scopes: ["trigger", "read", "read"], expiresAt: expiresAt.toISOString() },
    });
    expect(created).toMatchObject({ name: "CI", scopes: ["read", "trigger"], expiresAt });
    expect(created.token).toMatch(/^whp_/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).not.toContain(created.token);
    const [audit] = await auditRowsFor(created.id);
    expect(audit).toMatchObject({ action: "api_token.created", after: { scopes: ["read", "trigger"], prefix: created.prefix } });
    expect(JSON.stringify(audit)).not.toContain(created.token);
  });

  it("refuses scopes beyond the user's permissions, with a field error", async () => {
    const { ctx } = await makeUser("reader");
    for (const scope of ["trigger", "admin", "events:write"] as const) {
      await expect(createToken({ ctx, input: { name: "x", scopes: ["read", scope] } })).rejects.toMatchObject({
        code: "forbidden",
        fieldErrors: { scopes: [expect.stringContaining(scope)] },
      });
    }
    const { ctx: admin } = await makeUser("admin");
    await expect(createToken({ ctx: admin, input: { name: "x", scopes: ["trigger"] } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createToken({ ctx: admin, input: { name: "ingest", scopes: ["events:write"] } })).resolves.toMatchObject({
      scopes: ["events:write"],
    });
  });

  it("refuses no scope, an unknown scope and a past expiry", async () => {
    const { ctx } = await makeUser("reader");
    await expect(createToken({ ctx, input: { name: "x", scopes: [] } })).rejects.toMatchObject({ name: "ZodError" });
    await expect(createToken({ ctx, input: { name: "x", scopes: ["write" as "read"] } })).rejects.toMatchObject({ name: "ZodError" });
    await expect(createToken({ ctx, input: { name: "x", scopes: ["read"], expiresAt: "2020-01-01" } })).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(createToken({ ctx, input: { name: "x", scopes: ["read"], expiresAt: "tomorrow" } })).rejects.toMatchObject({
      name: "ZodError",
    });
  });

  it("a token creates tokens with no more scopes than it has, expiring no later", async () => {
    const { ctx: session } = await makeUser("adminTrigger");
    const inAWeek = new Date(Date.now() + 7 * 86_400_000);
    const { ctx } = await tokenCtx(session, { name: "deployer", scopes: ["read", "trigger"], expiresAt: inAWeek });
    await expect(
      createToken({ ctx, input: { name: "more", scopes: ["admin"], expiresAt: new Date(Date.now() + 86_400_000) } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(createToken({ ctx, input: { name: "forever", scopes: ["read"] } })).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { expiresAt: expect.any(Array) },
    });
    await expect(
      createToken({ ctx, input: { name: "later", scopes: ["read"], expiresAt: new Date(inAWeek.getTime() + 86_400_000) } }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(
      createToken({ ctx, input: { name: "child", scopes: ["trigger"], expiresAt: new Date(Date.now() + 86_400_000) } }),
    ).resolves.toMatchObject({ scopes: ["trigger"] });
  });
});

describe("a token at the time of use", () => {
  it("is allowed only what its scopes grant", async () => {
    const { ctx: admin } = await makeUser("adminTrigger");
    const { ctx } = await tokenCtx(admin, { name: "ingest", scopes: ["events:write"] });
    expect(refusal(() => authorize(ctx, "events.create"))).toBeNull();
    for (const permission of [
      "portal.read",
      "tokens.manage",
      "integrations.manage",
      "integrations.trigger",
      "audit.read",
      "users.manage",
    ] as const) {
      expect(
        refusal(() => authorize(ctx, permission)),
        permission,
      ).toBe("forbidden");
    }
    await expect(
      createEvent({ ctx, input: { type: "deploy.done", title: "Deployed", severity: "info", source: "ci" } }),
    ).resolves.toMatchObject({ type: "deploy.done" });
  });

  it("loses what its user loses: a trigger token of a user whose trigger permission is removed is refused", async () => {
    const { user, ctx: owner } = await makeUser("trigger");
    const { created } = await tokenCtx(owner, { name: "trigger", scopes: ["read", "trigger"] });
    // The trigger permission is the membership's, in the token's workspace.
    await db.membership.update({
      where: { workspaceId_userId: { workspaceId: DEFAULT_WORKSPACE_ID, userId: user.id } },
      data: { canTriggerIntegrations: false },
    });
    const found = await authenticateToken(created.token);
    const ctx: Ctx = { actor: found!.actor, token: found!.token, workspace: found!.workspace, membership: found!.membership, via: "token" };
    expect(refusal(() => authorize(ctx, "portal.read"))).toBeNull();
    expect(refusal(() => authorize(ctx, "integrations.trigger"))).toBe("forbidden");
  });

  it("is nobody once expired or revoked", async () => {
    const { ctx: owner } = await makeUser("reader");
    const { created, ctx } = await tokenCtx(owner, { name: "short", scopes: ["read"], expiresAt: new Date(Date.now() + 3_600_000) });
    expect(ctx.token?.expiresAt).toEqual(created.expiresAt);
    await db.apiToken.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticateToken(created.token)).toBeNull();
    const other = await createToken({ ctx: owner, input: { name: "other", scopes: ["read"] } });
    await revokeToken({ ctx: owner, id: other.id });
    expect(await authenticateToken(other.token)).toBeNull();
    expect(await authenticateToken(`${other.token}x`)).toBeNull();
  });
});

describe("which token acted", () => {
  it("is recorded in the audit log and the execution history by name and prefix", async () => {
    const receiver = await startReceiver();
    try {
      const { ctx: admin } = await makeUser("adminTrigger");
      const integration = await createIntegration({ ctx: admin, input: { name: `Tok ${randomUUID().slice(0, 8)}`, platform: "custom" } });
      await saveWebhookConfig({
        ctx: admin,
        integrationId: integration.id,
        input: { url: receiver.url, enabled: true, timeoutSeconds: 5 },
      });
      const { created, ctx } = await tokenCtx(admin, { name: "Deploy bot", scopes: ["read", "trigger"] });
      const { attempt } = await triggerIntegration({ ctx, integrationId: integration.id, input: { mode: "default" } });
      expect(attempt.status).toBe("succeeded");
      const label = { id: created.id, name: "Deploy bot", prefix: created.prefix };
      const page = await listExecutions({ ctx, query: { integrationId: integration.id } });
      expect(page.data.find((a) => a.id === attempt.id)?.triggeredBy).toEqual({ id: ctx.actor.id, email: ctx.actor.email, token: label });
      const [audit] = await auditRowsFor(attempt.id);
      expect(audit).toMatchObject({ action: "webhook.triggered", actorId: ctx.actor.id, apiToken: label });
      // The same person in the portal's UI: no token named.
      const { attempt: bySession } = await triggerIntegration({ ctx: admin, integrationId: integration.id, input: { mode: "default" } });
      expect((await db.attempt.findUniqueOrThrow({ where: { id: bySession.id } })).triggeredByToken).toBeNull();
      expect((await auditRowsFor(bySession.id))[0].apiToken).toBeNull();
    } finally {
      await receiver.close();
    }
  });
});

describe("admins and every user's tokens", () => {
  it("lists every user's tokens with their owner, for admins only", async () => {
    const { ctx: admin } = await makeUser("admin");
    const { user, ctx: reader } = await makeUser("reader");
    const token = await createToken({ ctx: reader, input: { name: "reader's", scopes: ["read"] } });
    const all = await listAllTokens({ ctx: admin, page: { limit: 200 } });
    expect(all.data.find((t) => t.id === token.id)).toMatchObject({ user: { id: user.id, email: user.email } });
    await expect(listAllTokens({ ctx: reader, page: { limit: 10 } })).rejects.toMatchObject({ code: "forbidden" });
    expect((await listTokens({ ctx: admin, page: { limit: 200 } })).data.some((t) => t.id === token.id)).toBe(false);
  });

  it("an admin revokes anyone's token (audited with the owner); another user finds none", async () => {
    const { ctx: admin } = await makeUser("admin");
    const { user, ctx: reader } = await makeUser("reader");
    const { ctx: other } = await makeUser("trigger");
    const token = await createToken({ ctx: reader, input: { name: "leaked", scopes: ["read"] } });
    await expect(revokeToken({ ctx: other, id: token.id })).rejects.toMatchObject({ code: "not_found" });
    await revokeToken({ ctx: admin, id: token.id });
    expect(await authenticateToken(token.token)).toBeNull();
    const audit = (await auditRowsFor(token.id)).find((a) => a.action === "api_token.revoked");
    expect(audit).toMatchObject({ actorId: admin.actor.id, after: { owner: user.email } });
    await expect(revokeToken({ ctx: admin, id: token.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("an admin's token needs the admin scope to revoke another user's token", async () => {
    const { ctx: adminSession } = await makeUser("admin");
    const { ctx: reader } = await makeUser("reader");
    const { ctx } = await tokenCtx(adminSession, { name: "read only", scopes: ["read"] });
    const token = await createToken({ ctx: reader, input: { name: "theirs", scopes: ["read"] } });
    await expect(revokeToken({ ctx, id: token.id })).rejects.toMatchObject({ code: "not_found" });
  });
});
