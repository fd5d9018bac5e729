import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { makeUser } from "@/lib/testing/factories";
import { newMessageId } from "@/lib/webhooks/signing";
import { listExecutions } from "./list-executions";

let reader: Ctx;
beforeAll(async () => {
  ({ ctx: reader } = await makeUser("reader"));
});

describe("listExecutions by webhook id", () => {
  it("lists every attempt of one message, and refuses what is not a webhook id", async () => {
    const integrationId = randomUUID();
    const [mine, other] = [newMessageId(), newMessageId()];
    await db.message.createMany({
      data: [mine, other].map((id) => ({ id, integrationId, integrationName: "Found", mode: "default", body: "" })),
    });
    const attempt = (messageId: string, kind: string) => ({
      messageId,
      integrationId,
      integrationName: "Found",
      mode: "default",
      kind,
      status: "failed",
      finishedAt: new Date(),
      timeoutSeconds: 5,
      requestUrl: "https://hooks.example/in",
      requestHeaders: {},
      requestBody: "",
    });
    await db.attempt.createMany({ data: [attempt(mine, "initial"), attempt(mine, "manual_retry"), attempt(other, "initial")] });
    const page = await listExecutions({ ctx: reader, query: { messageId: mine } });
    expect(page.data.map((a) => [a.messageId, a.kind])).toEqual([
      [mine, "manual_retry"],
      [mine, "initial"],
    ]);
    await expect(listExecutions({ ctx: reader, query: { messageId: "msg_lowercase" } })).rejects.toThrow();
  });
});
