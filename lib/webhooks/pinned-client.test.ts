import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, expect, it } from "vitest";
import { parseAllowedHosts } from "./address-policy";
import { BlockedAddressError } from "./classify-delivery-error";
import { openPinnedClient } from "./pinned-client";

let requests = 0;
const server = createServer((_req, res) => {
  requests += 1;
  res.end("ok");
});
let origin = "";

beforeEach(async () => {
  requests = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://receiver.test:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it("connects to the pinned address under the original host name", async () => {
  const connection = openPinnedClient({
    url: new URL(origin),
    addresses: ["127.0.0.1"],
    allowedHosts: parseAllowedHosts("receiver.test"),
    connectTimeoutMs: 2000,
  });
  const response = await connection.client.request({ method: "POST", path: "/", body: "" });
  expect(await response.body.text()).toBe("ok");
  expect(connection.remoteAddress()).toBe("127.0.0.1");
  await connection.close();
});

it("refuses a connected address the policy does not allow before sending", async () => {
  const connection = openPinnedClient({
    url: new URL(origin),
    addresses: ["127.0.0.1"],
    allowedHosts: parseAllowedHosts(""),
    connectTimeoutMs: 2000,
  });
  await expect(connection.client.request({ method: "POST", path: "/", body: "" })).rejects.toBeInstanceOf(BlockedAddressError);
  expect(requests).toBe(0);
  expect(connection.remoteAddress()).toBeNull();
  await connection.close();
});
