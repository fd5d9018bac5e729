// The executions list grouped by message, against real receivers on loopback.
import { beforeAll, describe, expect, it } from "vitest";
import { makeIntegration, makeUser } from "@/lib/testing/factories";
import { deliveryTestBed } from "@/lib/testing/delivery-test-bed";
import { listDeliveries } from "./list-deliveries";
import { listExecutions } from "./list-executions";
import { retryExecution } from "./retry-execution";
import { triggerIntegration } from "./trigger-integration";

let admin: Awaited<ReturnType<typeof makeUser>>;
let triggerer: Awaited<ReturnType<typeof makeUser>>;
const { receiver } = deliveryTestBed();

beforeAll(async () => {
  admin = await makeUser("admin");
  triggerer = await makeUser("trigger");
});

describe("the executions list, one row per delivery", () => {
  it("groups every attempt under its message with its count and final state; filters apply to the delivery", async () => {
    const answers = [500, 503, 200, 500];
    const r = await receiver((_req, res) => void res.writeHead(answers.shift() ?? 500).end());
    const integration = await makeIntegration(admin.ctx, r.url, "Grouped");
    const integrationId = integration.id;

    // One delivery failed twice, then a manual retry succeeded; a second one failed once.
    const { attempt: first } = await triggerIntegration({ ctx: triggerer.ctx, integrationId, input: { mode: "default" } });
    const second = await retryExecution({ ctx: triggerer.ctx, attemptId: first.id });
    const third = await retryExecution({ ctx: triggerer.ctx, attemptId: second.id });
    expect([first.status, second.status, third.status]).toEqual(["failed", "failed", "succeeded"]);
    const { attempt: other } = await triggerIntegration({ ctx: triggerer.ctx, integrationId, input: { mode: "default" } });

    // Four attempts, as the per-attempt list has them…
    expect((await listExecutions({ ctx: triggerer.ctx, query: { integrationId } })).data).toHaveLength(4);
    // …are two deliveries, newest first, each with its attempts and its final state.
    const page = await listDeliveries({ ctx: triggerer.ctx, query: { integrationId } });
    expect(page.nextCursor).toBeNull();
    expect(page.data.map((d) => [d.messageId, d.first.id, d.last.id, d.last.status, d.attempts.length])).toEqual([
      [other.messageId, other.id, other.id, "failed", 1],
      [first.messageId, first.id, third.id, "succeeded", 3],
    ]);
    expect(page.data[1]!.attempts.map((a) => a.id)).toEqual([first.id, second.id, third.id]);

    // The status is the delivery's final state: the one that failed before it succeeded is not "failed".
    const failed = await listDeliveries({ ctx: triggerer.ctx, query: { integrationId, status: "failed" } });
    expect(failed.data.map((d) => d.messageId)).toEqual([other.messageId]);
    const succeeded = await listDeliveries({ ctx: triggerer.ctx, query: { integrationId, status: "succeeded" } });
    expect(succeeded.data.map((d) => d.messageId)).toEqual([first.messageId]);
    // A manual retry marks its delivery; the person who retried finds it.
    const retried = await listDeliveries({ ctx: triggerer.ctx, query: { integrationId, kind: "manual_retry" } });
    expect(retried.data.map((d) => d.messageId)).toEqual([first.messageId]);
    expect((await listDeliveries({ ctx: admin.ctx, query: { integrationId, triggeredBy: admin.user.id } })).data).toEqual([]);

    // Pages of one delivery each, the second reached by the cursor.
    const one = await listDeliveries({ ctx: triggerer.ctx, query: { integrationId, limit: 1 } });
    expect(one.data.map((d) => d.messageId)).toEqual([other.messageId]);
    const two = await listDeliveries({ ctx: triggerer.ctx, query: { integrationId, limit: 1, cursor: one.nextCursor! } });
    expect(two.data.map((d) => d.messageId)).toEqual([first.messageId]);
    expect(two.nextCursor).toBeNull();
  });
});
