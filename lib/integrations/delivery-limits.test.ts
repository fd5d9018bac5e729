import { describe, expect, it } from "vitest";
import { SUGGESTED_LIMITS } from "./delivery-limits";
import { PLATFORMS, webhookConfigInput } from "./schemas";

const config = (maxInFlight: unknown) => webhookConfigInput.safeParse({ url: "https://hooks.example/in", enabled: true, maxInFlight });

describe("maxInFlight", () => {
  it("takes a whole number from 1 to 200, or null; absent means no limit", () => {
    expect(config(4).data?.maxInFlight).toBe(4);
    expect(config(null).data?.maxInFlight).toBeNull();
    expect(webhookConfigInput.parse({ url: "https://hooks.example/in", enabled: true }).maxInFlight).toBeNull();
    for (const bad of [0, -1, 1.5, 201, "3"]) expect(config(bad).error?.issues[0].path, String(bad)).toEqual(["maxInFlight"]);
  });

  it("has suggested limits for every platform, each one the form accepts", () => {
    for (const p of PLATFORMS) {
      const s = SUGGESTED_LIMITS[p];
      const parsed = webhookConfigInput.safeParse({
        url: "https://hooks.example/in",
        enabled: true,
        maxPerSecond: s.maxPerSecond,
        maxInFlight: s.maxInFlight,
      });
      expect(parsed.success, p).toBe(true);
    }
  });
});
