import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeUser } from "@/lib/testing/factories";
import { listMyWorkspaces } from "./list-my-workspaces";
import { namesWorkspace, withoutWorkspace, workspaceApiPath, workspaceHome, workspacePath } from "./request-names";
import { DEFAULT_WORKSPACE } from "./scope";

describe("the portal's URLs under a workspace", () => {
  it("a page's path in a workspace, and back", () => {
    expect(workspacePath("acme", "/integrations/1?range=7d")).toBe("/w/acme/integrations/1?range=7d");
    expect(workspacePath("acme", "/")).toBe("/w/acme");
    expect(withoutWorkspace("/w/acme/integrations/1")).toBe("/integrations/1");
    expect(withoutWorkspace("/w/acme")).toBe("/");
    expect(withoutWorkspace("/w/acme?x=1")).toBe("/?x=1");
    expect(withoutWorkspace("/integrations")).toBe("/integrations");
  });

  it("tells a path that names its workspace from one that does not", () => {
    expect(["/w/acme", "/w/acme/events", "/w/acme?x=1"].map(namesWorkspace)).toEqual([true, true, true]);
    expect(["/events", "/w", "/w/", "/wide/events", "/account/w/x"].map(namesWorkspace)).toEqual([false, false, false, false, false]);
  });

  it("an API operation in a workspace", () => {
    expect(workspaceApiPath("acme", "/api/v1/executions/export")).toBe("/api/v1/workspaces/acme/executions/export");
    expect(workspaceApiPath("acme", "/api/v1/executions/state?x=1")).toBe("/api/v1/workspaces/acme/executions/state?x=1");
    expect(workspaceApiPath("acme", "/api/v10/x")).toBe("/api/v10/x");
  });

  it("owners and admins start at the overview, members at the integrations", () => {
    expect(["owner", "admin", "member"].map((role) => workspaceHome("acme", role))).toEqual([
      "/w/acme/overview",
      "/w/acme/overview",
      "/w/acme/integrations",
    ]);
  });
});

describe("listMyWorkspaces", () => {
  it("lists the person's own workspaces with their role, by name, and nobody else's", async () => {
    const suffix = randomUUID().slice(0, 8);
    const [zulu, alpha] = await Promise.all(
      ["Zulu", "Alpha"].map((name) =>
        db.workspace.create({
          data: { name: `${name} ${suffix}`, slug: `${name.toLowerCase()}-${suffix}`, planId: DEFAULT_WORKSPACE.planId },
        }),
      ),
    );
    const { user, ctx } = await makeUser("reader");
    await db.membership.createMany({
      data: [
        { workspaceId: zulu.id, userId: user.id, role: "owner" },
        { workspaceId: alpha.id, userId: user.id, role: "admin" },
      ],
    });
    const someoneElse = await makeUser("admin", { workspace: { id: zulu.id, slug: zulu.slug, name: zulu.name, planId: zulu.planId } });

    expect(await listMyWorkspaces({ ctx })).toEqual([
      { id: alpha.id, slug: alpha.slug, name: alpha.name, role: "admin" },
      { id: DEFAULT_WORKSPACE.id, slug: DEFAULT_WORKSPACE.slug, name: DEFAULT_WORKSPACE.name, role: "member" },
      { id: zulu.id, slug: zulu.slug, name: zulu.name, role: "owner" },
    ]);
    expect(await listMyWorkspaces({ ctx: someoneElse.ctx })).toEqual([{ id: zulu.id, slug: zulu.slug, name: zulu.name, role: "owner" }]);
    // Without a workspace to act in (a person who belongs to none), still their own list.
    expect(await listMyWorkspaces({ ctx: { ...ctx, workspace: null, membership: null } })).toHaveLength(3);
  });
});
