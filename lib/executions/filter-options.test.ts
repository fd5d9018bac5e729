import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { makeUser } from "@/lib/testing/factories";
import { getFilterLabels } from "./get-filter-labels";
import { FILTER_OPTIONS_LIMIT, searchFilterOptions } from "./search-filter-options";

let reader: Ctx;
const tag = randomUUID().slice(0, 6);

beforeAll(async () => {
  ({ ctx: reader } = await makeUser("reader"));
  // More than the 500 the pick-lists used to hold; the one looked for sorts after all of them.
  await db.integration.createMany({
    data: Array.from({ length: 600 }, (_, i) => ({
      name: `Aaa ${tag} ${String(i).padStart(3, "0")}`,
      slug: `aaa-${tag}-${i}`,
      platform: "custom",
    })),
  });
  await db.integration.create({ data: { name: `Zz Needle_${tag}`, slug: `needle-${tag}`, platform: "n8n" } });
  await db.integration.create({ data: { name: `Zz NeedleX${tag}`, slug: `needlex-${tag}`, platform: "n8n" } });
});

afterAll(async () => {
  await db.integration.deleteMany({ where: { slug: { contains: tag } } });
});

describe("searchFilterOptions", () => {
  it("finds an integration past the first 500 by name or slug, in any case, _ taken literally", async () => {
    expect(await searchFilterOptions({ ctx: reader, input: { field: "integration", q: `NEEDLE_${tag}` } })).toEqual([
      { value: expect.any(String), label: `Zz Needle_${tag}`, detail: `needle-${tag}` },
    ]);
    expect((await searchFilterOptions({ ctx: reader, input: { field: "integration", q: `needlex-${tag}` } })).map((o) => o.label)).toEqual([
      `Zz NeedleX${tag}`,
    ]);
  });

  it("answers the first 20 by name when nothing is typed, and at most 20 for a broad search", async () => {
    expect(await searchFilterOptions({ ctx: reader, input: { field: "integration" } })).toHaveLength(FILTER_OPTIONS_LIMIT);
    const broad = await searchFilterOptions({ ctx: reader, input: { field: "integration", q: `aaa ${tag}` } });
    expect(broad.map((o) => o.label)).toEqual(Array.from({ length: 20 }, (_, i) => `Aaa ${tag} ${String(i).padStart(3, "0")}`));
  });

  it("finds users by email or name", async () => {
    const { user } = await makeUser("trigger", { name: `Filter Person ${tag}` });
    expect(await searchFilterOptions({ ctx: reader, input: { field: "user", q: `person ${tag}` } })).toEqual([
      { value: user.id, label: user.email, detail: user.name },
    ]);
    expect((await searchFilterOptions({ ctx: reader, input: { field: "user", q: user.email.toUpperCase() } })).map((o) => o.value)).toEqual(
      [user.id],
    );
  });

  it("refuses an unknown pick-list", async () => {
    await expect(searchFilterOptions({ ctx: reader, input: { field: "secret" as never } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["field"] })],
    });
  });
});

describe("getFilterLabels", () => {
  it("names the chosen integration and user, and leaves out ids that name nothing", async () => {
    const [needle] = await searchFilterOptions({ ctx: reader, input: { field: "integration", q: `Needle_${tag}` } });
    const { user } = await makeUser("reader");
    expect(
      await getFilterLabels({ ctx: reader, input: { integrationIds: [needle.value, randomUUID(), "not-an-id"], userIds: [user.id] } }),
    ).toEqual({
      [needle.value]: needle.label,
      [user.id]: user.email,
    });
  });
});
