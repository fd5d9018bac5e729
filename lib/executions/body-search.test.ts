import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { makeUser } from "@/lib/testing/factories";
import { newMessageId } from "@/lib/webhooks/signing";
import { countExecutions } from "./count-executions";
import { listExecutions } from "./list-executions";

let reader: Ctx;
const integrationId = randomUUID();
const DAY = 86_400_000;

async function attempt(body: { request?: string; response?: string | null; binary?: boolean }, daysAgo = 0) {
  const messageId = newMessageId();
  await db.message.create({ data: { id: messageId, integrationId, integrationName: "Searched", mode: "event", body: body.request ?? "" } });
  return db.attempt.create({
    data: {
      messageId,
      integrationId,
      integrationName: "Searched",
      mode: "event",
      kind: "initial",
      status: "failed",
      timeoutSeconds: 5,
      requestUrl: "https://hooks.example/in",
      requestHeaders: {},
      requestBody: body.request ?? "",
      responseBody: body.response ?? null,
      responseBodyBinary: body.binary ?? false,
      startedAt: new Date(Date.now() - daysAgo * DAY),
      finishedAt: new Date(Date.now() - daysAgo * DAY),
    },
  });
}
const ids = async (q: string, extra: Record<string, string> = {}) =>
  (await listExecutions({ ctx: reader, query: { integrationId, q, ...extra } })).data.map((a) => a.id);

beforeAll(async () => {
  ({ ctx: reader } = await makeUser("reader"));
});

describe("listExecutions by text in the bodies", () => {
  it("finds text in the request or the response body, in any case, and counts the same", async () => {
    const inRequest = await attempt({ request: '{"order":"ORD-77341","note":"Café"}' });
    const inResponse = await attempt({ request: "{}", response: "upstream said: ord-77341 not found" });
    await attempt({ request: '{"order":"ORD-12345"}', response: "fine" });
    const inBoth = await attempt({ request: '{"order":"ORD-77341"}', response: "ORD-77341 accepted" });
    const found = await ids("ord-77341");
    expect(found).toHaveLength(3); // one row for an attempt whose two bodies match
    expect(new Set(found)).toEqual(new Set([inRequest.id, inResponse.id, inBoth.id]));
    expect(await ids("café")).toEqual([inRequest.id]);
    expect(await countExecutions({ ctx: reader, query: { integrationId, q: "ORD-77341" } })).toEqual({ count: 3, more: false });
    // A search counts to 1,000 at most (each row counted is a body read).
    expect(await countExecutions({ ctx: reader, query: { integrationId, q: "ORD-77341" }, upTo: 1 })).toEqual({ count: 1, more: true });
  });

  it("looks back 30 days at most, even when asked for an earlier start", async () => {
    const recent = await attempt({ request: "needle-bounded" }, 29);
    await attempt({ request: "needle-bounded" }, 31);
    expect(await ids("needle-bounded")).toEqual([recent.id]);
    expect(await ids("needle-bounded", { from: new Date(Date.now() - 60 * DAY).toISOString() })).toEqual([recent.id]);
  });

  it("takes % and _ literally, and searches binary bodies as they are stored", async () => {
    const percent = await attempt({ request: "rate 100% done" });
    await attempt({ request: "rate 1000 done" });
    expect(await ids("100%")).toEqual([percent.id]);
    const underscore = await attempt({ request: "key file_name" });
    await attempt({ request: "key file-name" });
    expect(await ids("file_name")).toEqual([underscore.id]);
    const binary = await attempt({ request: "", response: "\\x89PNG\\x0d\\x0a", binary: true });
    expect(await ids("PNG")).toEqual([binary.id]);
  });

  it("refuses fewer than 3 characters with a field error", async () => {
    await expect(listExecutions({ ctx: reader, query: { q: "ab" } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["q"] })],
    });
  });
});
