import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { makeUser } from "@/lib/testing/factories";
import { listEventLabels } from "./list-event-labels";

let reader: Ctx;
beforeAll(async () => {
  ({ ctx: reader } = await makeUser("reader"));
});

describe("listEventLabels", () => {
  it("gives the type and title of each event id once, skipping nulls and unknown ids", async () => {
    const source = `labels-${randomUUID()}`;
    const [a, b] = await Promise.all(
      ["First", "Second"].map((title, i) =>
        db.event.create({
          data: { type: `order.step_${i}`, title, severity: "info", source, occurredAt: new Date() },
          select: { id: true },
        }),
      ),
    );
    const unknown = randomUUID();
    const labels = await listEventLabels({ ctx: reader, ids: [a.id, null, b.id, a.id, unknown] });
    expect(labels).toEqual({ [a.id]: { type: "order.step_0", title: "First" }, [b.id]: { type: "order.step_1", title: "Second" } });
  });

  it("asks nothing of the database for a page without events", async () => {
    expect(await listEventLabels({ ctx: reader, ids: [null, null] })).toEqual({});
  });

  it("refuses a caller that is not signed in", async () => {
    await expect(listEventLabels({ ctx: null as unknown as Ctx, ids: [] })).rejects.toMatchObject({ code: "unauthorized" });
  });
});
