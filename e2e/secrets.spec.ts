import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { E2E } from "./fixtures/config";
import { expect, signIn, test } from "./fixtures/portal";

const CANARY = "canary-bearer-51c0e2";

test("a bearer token never shows in plain text: not in answers, pages, history or the server's log", async ({
  page,
  adminApi,
  makeUser,
}) => {
  // A hostile receiver that answers 500 and echoes the token back.
  const receiver = createServer((req, res) => {
    req.resume();
    res.statusCode = 500;
    res.setHeader("x-echo", String(req.headers.authorization));
    res.end(`token was ${req.headers.authorization}`);
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const created = await adminApi.post("/api/v1/integrations", { data: { name: `Secrets ${Date.now()}`, platform: "custom" } });
  const { id } = (await created.json()) as { id: string };
  const saved = await adminApi.put(`/api/v1/integrations/${id}/webhook`, { data: { url, enabled: true, bearerToken: CANARY } });
  const answers = [
    await saved.text(),
    await (await adminApi.get(`/api/v1/integrations/${id}/webhook`)).text(),
    await (await adminApi.get(`/api/v1/integrations/${id}`)).text(),
  ];

  const triggerer = await makeUser("trigger");
  const triggered = await triggerer.api.post(`/api/v1/integrations/${id}/trigger`, { data: { mode: "default" } });
  expect(triggered.status()).toBe(201);
  const attempt = (await triggered.json()) as { id: string; status: string };
  expect(attempt.status).toBe("failed");
  answers.push(JSON.stringify(attempt), await (await triggerer.api.get(`/api/v1/executions/${attempt.id}`)).text());
  answers.push(await (await adminApi.get(`/api/v1/executions/export?format=jsonl&integrationId=${id}`)).text());
  answers.push(await (await adminApi.get(`/api/v1/audit-log?targetType=integration&targetId=${id}`)).text());

  await signIn(page, E2E.admin.email, E2E.admin.password);
  for (const path of [`/integrations/${id}`, `/integrations/${id}/webhook`, `/executions/${attempt.id}`]) {
    await page.goto(path);
    answers.push(await page.content());
  }
  await page.getByRole("tab", { name: /Response/ }).click();
  await expect(page.getByText("token was Bearer ••••c0e2")).toBeVisible();
  answers.push(await page.content());
  receiver.close();

  for (const answer of answers) expect(answer).not.toContain(CANARY);
  const log = readFileSync(E2E.serverLog, "utf8");
  expect(log).not.toContain(CANARY);
  // The log checked is the JSON one, with the trigger's request and its delivery in it.
  const lines = log
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const delivery = lines.find((l) => l.msg === "delivery" && l.attemptId === attempt.id);
  expect(delivery).toMatchObject({ integrationId: id, outcome: "http_error", responseStatus: 500 });
  expect(lines.find((l) => l.msg === "request" && l.requestId === delivery!.requestId)).toMatchObject({
    route: "/api/v1/integrations/:id/trigger",
    status: 201,
  });
});
