import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { auditRowsFor, makeUser } from "@/lib/testing/factories";
import { createIntegration } from "./create-integration";
import { deleteIntegration } from "./delete-integration";
import { seedDemoIntegrations } from "./demo-data";
import { getIntegration } from "./get-integration";
import { listIntegrations } from "./list-integrations";
import { updateIntegration } from "./update-integration";

const uniqueName = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

describe("createIntegration", () => {
  it("creates an integration with a slug derived from the name and audits it", async () => {
    const { ctx } = await makeUser("admin");
    const name = uniqueName("Tickets → Slack");
    const integration = await createIntegration({ ctx, input: { name, platform: "n8n" } });
    expect(integration).toMatchObject({ name, platform: "n8n", description: "", createdById: ctx.actor.id });
    expect(integration.slug).toMatch(/^tickets-slack-[a-z0-9]+$/);
    const [row] = await auditRowsFor(integration.id);
    expect(row).toMatchObject({
      action: "integration.created",
      actorId: ctx.actor.id,
      after: { name, slug: integration.slug, platform: "n8n" },
    });
  });

  it("refuses a duplicate slug with a field error", async () => {
    const { ctx } = await makeUser("admin");
    const { slug } = await createIntegration({ ctx, input: { name: uniqueName("First"), platform: "zapier" } });
    await expect(createIntegration({ ctx, input: { name: "Second", platform: "make", slug } })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { slug: ["Already in use"] },
    });
  });

  it("refuses an unknown platform", async () => {
    const { ctx } = await makeUser("admin");
    await expect(createIntegration({ ctx, input: { name: "X", platform: "ifttt" as "n8n" } })).rejects.toMatchObject({ name: "ZodError" });
  });
});

describe("updateIntegration", () => {
  it("audits only what changed, with before and after", async () => {
    const { ctx } = await makeUser("admin");
    const created = await createIntegration({ ctx, input: { name: uniqueName("Old"), platform: "make" } });
    const updated = await updateIntegration({ ctx, id: created.id, input: { description: "Routes alerts", platform: "make" } });
    expect(updated.description).toBe("Routes alerts");
    const rows = await auditRowsFor(created.id);
    expect(rows.map((r) => r.action)).toEqual(["integration.created", "integration.updated"]);
    expect(rows[1]).toMatchObject({ actorId: ctx.actor.id, before: { description: "" }, after: { description: "Routes alerts" } });
    expect(rows[1].after).not.toHaveProperty("platform");
  });

  it("refuses a slug another integration uses", async () => {
    const { ctx } = await makeUser("admin");
    const a = await createIntegration({ ctx, input: { name: uniqueName("A"), platform: "tines" } });
    const b = await createIntegration({ ctx, input: { name: uniqueName("B"), platform: "tines" } });
    await expect(updateIntegration({ ctx, id: b.id, input: { slug: a.slug } })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { slug: ["Already in use"] },
    });
  });
});

describe("deleteIntegration", () => {
  it("deletes the integration and its webhook, audits it, and keeps the execution history", async () => {
    const { ctx } = await makeUser("admin");
    const integration = await createIntegration({ ctx, input: { name: uniqueName("Doomed"), platform: "custom" } });
    await db.webhookConfig.create({ data: { integrationId: integration.id, url: "https://127.0.0.1:9/", signingSecretEnc: "x" } });
    const messageId = `msg_${randomUUID()}`;
    await db.message.create({
      data: {
        id: messageId,
        integrationId: integration.id,
        integrationName: integration.name,
        mode: "default",
        body: "{}",
        attempts: {
          create: {
            integrationId: integration.id,
            integrationName: integration.name,
            mode: "default",
            kind: "initial",
            status: "succeeded",
            finishedAt: new Date(),
            timeoutSeconds: 10,
            requestUrl: "https://127.0.0.1:9/",
            requestHeaders: {},
            requestBody: "{}",
          },
        },
      },
    });

    await deleteIntegration({ ctx, id: integration.id });

    expect(await db.integration.findUnique({ where: { id: integration.id } })).toBeNull();
    expect(await db.webhookConfig.findUnique({ where: { integrationId: integration.id } })).toBeNull();
    const attempt = await db.attempt.findFirstOrThrow({ where: { messageId } });
    expect(attempt).toMatchObject({ integrationId: integration.id, integrationName: integration.name, requestUrl: "https://127.0.0.1:9/" });
    const rows = await auditRowsFor(integration.id);
    expect(rows.at(-1)).toMatchObject({
      action: "integration.deleted",
      actorId: ctx.actor.id,
      before: { name: integration.name, webhook: { url: "https://127.0.0.1:9/" } },
    });
    await expect(deleteIntegration({ ctx, id: integration.id })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("permissions", () => {
  it("refuses every change to users who are not admins, and lets them read", async () => {
    const { ctx: admin } = await makeUser("admin");
    const integration = await createIntegration({ ctx: admin, input: { name: uniqueName("Guarded"), platform: "n8n" } });
    for (const role of ["reader", "trigger"] as const) {
      const { ctx } = await makeUser(role);
      await expect(createIntegration({ ctx, input: { name: "X", platform: "n8n" } })).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateIntegration({ ctx, id: integration.id, input: { name: "Y" } })).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteIntegration({ ctx, id: integration.id })).rejects.toMatchObject({ code: "forbidden" });
      await expect(getIntegration({ ctx, id: integration.id })).resolves.toMatchObject({
        id: integration.id,
        createdBy: { id: admin.actor.id },
      });
      await expect(listIntegrations({ ctx, query: { q: integration.name } })).resolves.toMatchObject({ data: [{ id: integration.id }] });
    }
  });
});

describe("listIntegrations", () => {
  it("searches by name, case-insensitively, and pages without gaps", async () => {
    const { ctx } = await makeUser("admin");
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 5; i++) await createIntegration({ ctx, input: { name: `Search ${tag} ${i}`, platform: "zapier" } });
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await listIntegrations({ ctx, query: { q: `SEARCH ${tag.toUpperCase()}`, limit: 2, cursor } });
      page.data.forEach((i) => seen.add(i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.size).toBe(5);
  });

  it("shows the webhook state and the latest execution, ignoring test sends", async () => {
    const { ctx } = await makeUser("admin");
    const integration = await createIntegration({ ctx, input: { name: uniqueName("Stateful"), platform: "n8n" } });
    const query = { q: integration.name };
    expect((await listIntegrations({ ctx, query })).data[0]).toMatchObject({ webhookState: "not_configured", lastExecution: null });

    await db.webhookConfig.create({
      data: { integrationId: integration.id, url: "https://127.0.0.1:9/", signingSecretEnc: "x", enabled: false },
    });
    const attempt = (kind: string, status: string, startedAt: Date) => ({
      integrationId: integration.id,
      integrationName: integration.name,
      mode: "default",
      kind,
      status,
      startedAt,
      finishedAt: startedAt,
      timeoutSeconds: 10,
      requestUrl: "https://127.0.0.1:9/",
      requestHeaders: {},
      requestBody: "{}",
    });
    await db.message.create({
      data: {
        id: `msg_${randomUUID()}`,
        integrationId: integration.id,
        integrationName: integration.name,
        mode: "default",
        body: "{}",
        attempts: {
          create: [
            attempt("initial", "failed", new Date("2026-01-01T00:00:00Z")),
            attempt("manual_retry", "succeeded", new Date("2026-01-02T00:00:00Z")),
            attempt("test", "failed", new Date("2026-01-03T00:00:00Z")),
          ],
        },
      },
    });
    expect((await listIntegrations({ ctx, query })).data[0]).toMatchObject({
      webhookState: "disabled",
      lastExecution: { status: "succeeded", startedAt: new Date("2026-01-02T00:00:00Z") },
    });
  });
});

describe("seedDemoIntegrations", () => {
  it("seeds labelled demo integrations into an empty table, once", async () => {
    expect(await seedDemoIntegrations(db)).toBe(0); // earlier tests left integrations behind
    await db.integration.deleteMany();
    expect(await seedDemoIntegrations(db)).toBe(4);
    expect(await seedDemoIntegrations(db)).toBe(0);
    const rows = await db.integration.findMany({ include: { webhook: true }, orderBy: { slug: "asc" } });
    expect(rows.every((r) => r.description.startsWith("Demo:"))).toBe(true);
    expect(rows.map((r) => [r.platform, r.connectorType, r.webhook?.enabled ?? null])).toEqual([
      ["zapier", "zapier", false],
      ["n8n", "standard", true],
      ["slack", "slack", true],
      ["make", "standard", null],
    ]);
    // URLs that carry a secret are stored encrypted, shown masked.
    const slack = rows.find((r) => r.platform === "slack")!.webhook!;
    expect(slack.url).not.toContain("demo0secret0part");
    expect(slack.urlEnc).not.toBeNull();
  });
});
